// office-addin-mock imports office-addin-manifest only for its OfficeApp names; the real package's
// dependency chain is ESM-only and does not load under jest. Tests that need the real package
// (test/manifest.test.ts) load it in a child Node process instead.
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
