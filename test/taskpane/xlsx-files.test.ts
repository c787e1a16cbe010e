import { filesWithoutDownloads } from "../../src/taskpane/xlsx-files";
import type { FilePort } from "../../src/taskpane/ports";

describe("saving a file in Excel for Mac (office-js #2700)", () => {
  it("opens the page in the browser and says so instead of a download that does nothing", () => {
    const saved: string[] = [];
    const files: FilePort = {
      read: () => Promise.reject(new Error("unused")),
      write: () => Promise.resolve(new Uint8Array()),
      save: (name) => void saved.push(name),
    };
    let opened = 0;
    const mac = filesWithoutDownloads(files, () => opened++, "请在浏览器中下载");
    expect(() => mac.save("汇总报告.xlsx", new Uint8Array([1]))).toThrow("请在浏览器中下载");
    expect(opened).toBe(1);
    expect(saved).toEqual([]);
    expect(mac.write).toBe(files.write);
  });
});
