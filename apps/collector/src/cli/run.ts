import { parseArgs } from "node:util";
import { ConfigError } from "../config.js";
import { adminTokenCommand } from "./admin-token.js";
import { backupCommand, restoreCommand } from "./backup.js";
import { UsageError, type Command } from "./command.js";
import { demoCommand } from "./demo.js";
import { exportCommand } from "./export.js";
import { sitesRotateKeyCommand } from "./rotate-key.js";
import { rulesApplyCommand, rulesListCommand } from "./rules.js";
import { seedCommand } from "./seed.js";
import { serveCommand } from "./serve.js";
import { sitesCreateCommand, sitesListCommand } from "./sites.js";
import { sitesSetStagesCommand } from "./sites-set-stages.js";
import { sitesDeleteCommand } from "./sites-delete.js";
import { sitesUpdateCommand } from "./sites-update.js";
import { spendDeleteCommand, spendListCommand } from "./spend.js";
import { vacuumCommand } from "./vacuum.js";
import { collectorVersion } from "./version.js";

/** Every command, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  sitesCreateCommand,
  sitesListCommand,
  sitesUpdateCommand,
  sitesSetStagesCommand,
  sitesRotateKeyCommand,
  sitesDeleteCommand,
  spendListCommand,
  spendDeleteCommand,
  exportCommand,
  rulesApplyCommand,
  rulesListCommand,
  backupCommand,
  restoreCommand,
  vacuumCommand,
  adminTokenCommand,
  seedCommand,
  demoCommand,
];

const isHelp = (arg: string | undefined) => arg === "--help" || arg === "-h" || arg === "help";

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(" ").length));
  const lines = commands.map((c) => `  touchpoint ${c.path.join(" ").padEnd(width)}  ${c.summary}`);
  return `Usage:\n${lines.join("\n")}\n\nRun \`touchpoint <command> --help\` for its options, \`touchpoint --version\` for the version.`;
}

/** Runs one CLI invocation; resolves with the process exit code. */
export async function runCli(argv: readonly string[], commands: readonly Command[] = COMMANDS): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "version")) {
    console.log(collectorVersion());
    return 0;
  }
  const command = commands.find((c) => c.path.every((word, i) => argv[i] === word));
  if (!command) {
    const group = commands.filter((c) => c.path[0] === argv[0]);
    if (argv.length === 0 || isHelp(argv[0]) || (group.length > 0 && isHelp(argv[1]))) {
      console.log(overview(group.length > 0 ? group : commands));
      return 0;
    }
    console.error(`touchpoint: unknown command "${argv.join(" ")}"\n\n${overview(group.length > 0 ? group : commands)}`);
    return 2;
  }

  const args = argv.slice(command.path.length);
  if (args.some(isHelp)) {
    console.log(command.help);
    return 0;
  }
  const name = `touchpoint ${command.path.join(" ")}`;
  try {
    const { values } = parseArgs({ args: [...args], options: command.options, strict: true, allowPositionals: false });
    await command.run(values);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const usage =
      error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(usage ? `${name}: ${message}\nSee \`${name} --help\`.` : `${name}: ${message}`);
    return usage ? 2 : 1;
  }
}
