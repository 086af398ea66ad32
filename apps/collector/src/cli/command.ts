import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Command {
  /** Words after `touchpoint`, e.g. ["sites", "create"]. */
  path: string[];
  summary: string;
  /** Full --help text. */
  help: string;
  options: Options;
  run(values: Record<string, string | boolean | string[] | undefined>): Promise<void>;
}

/** Bad invocation: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}
