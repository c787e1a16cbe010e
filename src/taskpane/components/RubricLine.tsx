import { Field, Text } from "@fluentui/react-components";
import type { RubricChoice } from "../rubric-source";
import { useStrings } from "../strings-context";

/** Says which rubric the pane scores with: the default one, the workbook's 评分标准 sheet or a chosen file. */
export function RubricLine({ choice }: { readonly choice: RubricChoice }) {
  const t = useStrings();
  const { name, version } = choice.rubric;
  const label =
    choice.origin === "sheet"
      ? t.rubricSheet(name, version)
      : choice.origin === "file"
        ? t.rubricFile(name, version)
        : t.rubricDefault(name, version);
  return (
    <Field label={t.rubricLabel}>
      <Text size={200}>{label}</Text>
    </Field>
  );
}
