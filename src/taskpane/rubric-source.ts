import { DEFAULT_RUBRIC, type Rubric } from "../core";

/** Where the rubric in use came from. */
export type RubricOrigin = "default" | "sheet" | "file";

/** The rubric the pane scores with, and where it came from. */
export interface RubricChoice {
  readonly rubric: Rubric;
  readonly origin: RubricOrigin;
}

/** The default rubric. */
export const DEFAULT_CHOICE: RubricChoice = { rubric: DEFAULT_RUBRIC, origin: "default" };
