import { main } from "../../src/cli/main";
import { TODAY } from "./submissions";

/** What a run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `dabiao …` in this process on the committee's consolidation day, capturing stdout and stderr. */
export async function dabiao(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const stdout = jest
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest
    .spyOn(process.stderr, "write")
    .mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(argv, TODAY);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** The `--json` summary of `dabiao consolidate` (SPEC.md §9). */
export interface JsonSummary {
  readonly inputs: readonly {
    file: string;
    status: string;
    reasons: string[];
    branch: string | null;
  }[];
  readonly branches: readonly {
    committee: string;
    name: string;
    leader: string;
    contact: string;
    selfTotal: number;
    reviewTotal: number | null;
    finalTotal: number;
    tier: string;
    errors: number;
    warnings: number;
    file: string;
  }[];
  readonly counts: Readonly<Record<string, number>>;
  readonly passRate: number;
  readonly recommended: readonly unknown[];
}
