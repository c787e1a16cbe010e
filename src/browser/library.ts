// The browser build of the file-based flows (template, check) that the task pane and the
// outside-Office page load on demand: the core plus the xlsx reader and writer.
export { buildTemplate, checkWorkbook, DEFAULT_RUBRIC, fillTemplate } from "../core";
export { readXlsx } from "../adapters/xlsx/read/reader";
export { writeXlsx } from "../adapters/xlsx/write/writer";
