/**
 * @jest-environment jsdom
 */
import { createHash } from "node:crypto";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { unzipSync } from "fflate";
import { App } from "../../src/taskpane/components/App";
import { stringsFor } from "../../src/taskpane/strings";
import { fakeFiles, sampleSubmissions } from "./fakes";

const today = () => new Date(2019, 4, 20);
const { samples, books, files: picks } = sampleSubmissions();

/** The pane's file port, keeping the bytes of every download. */
function recordingFiles() {
  const io = fakeFiles(books);
  const downloads: { name: string; bytes: Uint8Array }[] = [];
  return {
    io: {
      ...io,
      save: (name: string, bytes: Uint8Array) => (
        io.save(name, bytes),
        downloads.push({ name, bytes })
      ),
    },
    written: io.written,
    downloads,
  };
}

async function consolidated(files: ReturnType<typeof recordingFiles>): Promise<void> {
  render(<App strings={stringsFor("zh-CN")} workbook={null} files={files.io} today={today} />);
  fireEvent.click(screen.getByRole("tab", { name: /^汇总/ }));
  const input = screen.getByLabelText("选择报送文件");
  Object.defineProperty(input, "files", { value: picks(), configurable: true });
  fireEvent.change(input);
  fireEvent.click(screen.getByRole("button", { name: "开始汇总" }));
  await screen.findByRole("button", { name: "下载退回修改包" });
}

describe("合并汇总: sending back and signing for", () => {
  it("下载退回修改包 downloads one .zip made in the page, a 退回修改 workbook per branch with problems", async () => {
    const files = recordingFiles();
    await consolidated(files);
    fireEvent.click(screen.getByRole("button", { name: "下载退回修改包" }));
    await waitFor(() => expect(files.downloads).toHaveLength(1));
    const [pack] = files.downloads;
    expect(pack?.name).toBe("退回修改包.zip");
    const entries = unzipSync(pack!.bytes);
    const names = Object.keys(entries);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^.+-.+-退回修改\.xlsx$/);
    // Each entry is the bytes the port wrote for a 退回修改 workbook.
    for (const data of Object.values(entries)) {
      const index = Number(/^spec:(\d+)$/.exec(new TextDecoder().decode(data))?.[1]);
      expect(files.written[index]?.sheets[0]?.name).toBe("退回意见");
    }
    expect(
      await screen.findByText(`退回修改包已生成：${names.length} 个党支部的退回修改工作簿。`)
    ).toBeTruthy();
  });

  it("下载回执 downloads 回执.xlsx with a row per file and each file's SHA-256", async () => {
    const files = recordingFiles();
    await consolidated(files);
    fireEvent.click(screen.getByRole("button", { name: "下载回执" }));
    await waitFor(() => expect(files.downloads).toHaveLength(1));
    expect(files.downloads[0]?.name).toBe("回执.xlsx");
    const spec = files.written[files.written.length - 1];
    expect(spec?.sheets.map((s) => s.name)).toEqual(["回执单"]);
    const rows = spec?.sheets[0]?.blocks?.flatMap((b) =>
      Array.from({ length: b.rowCount }, (_, i) => b.rowAt(i).values)
    );
    expect(rows).toHaveLength(samples.length + 1);
    const garbage = rows?.find((r) => r[3] === "损坏的文件.xlsx");
    expect(garbage?.[5]).toBe("拒收");
    expect(garbage?.[11]).toBe(createHash("sha256").update("garbage").digest("hex"));
  });
});
