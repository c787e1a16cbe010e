import type { Rubric } from "../rubric/rubric";
import { SheetBuilder } from "../../sheet/builder";
import type { SheetSpec } from "../../sheet/spec";

/** The name of the how-to-fill sheet. */
export const INSTRUCTIONS_SHEET = "填表说明";

/** A one-screen 填表说明 in plain Chinese. */
export function instructionsSheet(rubric: Rubric): SheetSpec {
  const t = rubric.thresholds;
  const lines: [string, string][] = [
    ["填表说明", "heading"],
    [
      "一、谁来填：党支部填写“打分表”中黄色格子（基本情况、填报、扣分说明）；“审核得分”由基层党委（党总支）填写，“抽验得分”由市直机关工委填写。",
      "paragraph",
    ],
    [
      "二、怎么填：逐项对照“评分标准”，在“填报”列填写实际情况，自评得分自动计算，不用手算。",
      "paragraph",
    ],
    ["　　· 是/否项：从下拉列表选择“是”或“否”。", "paragraph"],
    ["　　· 次数项：填实际召开或开展的次数、月份数或季度数（整数）。", "paragraph"],
    [
      "　　· 分项扣分：标有“分项填报↓”的项目，在下方各分项填发生的次数或缺少的项数，没有的填0。",
      "paragraph",
    ],
    ["　　· 评判项：直接填得分，以0.5分为单位；“好/较好/一般/差”项从下拉列表选择。", "paragraph"],
    ["　　· 未设支委会、未设党小组的，相应项目填“不适用”，按满分计。", "paragraph"],
    [
      "三、有扣分的项目，必须在“扣分说明及佐证材料”列写明扣分原因和佐证材料；未写的格子会显示为红色。",
      "paragraph",
    ],
    ["四、一票否决项逐项选择“是”或“否”，有任一“是”的，等次为未达标。", "paragraph"],
    [
      `五、等次自动计算：示范≥${t.示范}分，先进≥${t.先进}分，达标≥${t.达标}分，其余为未达标；组织生活会、民主评议党员未开展的最高为达标。`,
      "paragraph",
    ],
    [
      "六、请勿修改表格结构、分值和公式（工作表已保护，无需密码）；填好后保存为 .xlsx 文件，文件名建议为“所属党委-党支部名称.xlsx”，报送上级党组织。",
      "paragraph",
    ],
    [
      "七、用 WPS 或 LibreOffice 填写同样有效；安装“支部达标创建助手”加载项后，可实时检查填报问题、查看距下一等次还差多少分。",
      "paragraph",
    ],
  ];
  const b = new SheetBuilder(INSTRUCTIONS_SHEET, [{ width: 96 }]);
  // About 46 Chinese characters fit on a line of this width; rows grow with the wrapped text.
  lines.forEach(([text, style], r) =>
    b.value(r, 0, text, style).height(r, r === 0 ? 26 : 18 * Math.ceil(text.length / 46) + 4)
  );
  return b.build({
    protect: true,
    print: { paper: "A4", orientation: "portrait", fitToWidth: true },
  });
}
