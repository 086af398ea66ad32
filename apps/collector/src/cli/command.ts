import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;
/** What util.parseArgs gives for the command's options. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  /** Words after `touchpoint`, e.g. ["sites", "create"]. */
  path: string[];
  summary: string;
  /** Full --help text. */
  help: string;
  options: Options;
  run(values: OptionValues): Promise<void>;
}

/** Bad invocation: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}
