import { readFile } from "node:fs/promises";
import { stageModelSchema, type StageModel } from "@touchpoint/journeys";
import { loadConfig } from "../config.js";
import type { Command } from "./command.js";
import { UsageError } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

/** Reads and validates a stages.json; every problem names its field, e.g. `rules.3.stage`. */
async function readStageModel(file: string): Promise<StageModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`--file: cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = stageModelSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(the model)"}: ${issue.message}`);
    throw new UsageError(`${file} is not a valid stage model:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export const sitesSetStagesCommand: Command = {
  path: ["sites", "set-stages"],
  summary: "replace a site's stage model (stages are resolved at query time)",
  help: `Usage: touchpoint sites set-stages --site ID (--file stages.json | --default) [--db PATH]

Replaces the site's stage model. Journeys, customers, funnels and attribution place touchpoints
in stages when they are asked, so the new model re-reads the whole history at once.

stages.json:
  { "stages": ["lead", "qualified", "won"],          in journey order
    "rules": [                                        tried in order, the first match wins
      { "stage": "lead", "event": "page_view", "landing": true },
      { "stage": "qualified", "event": "page_view", "path": "/pricing*" },
      { "stage": "won", "event": "purchase", "property": { "key": "plan", "equals": "pro" } } ],
    "conversions": ["purchase"] }                     optional, default ["purchase"]
  A rule may also require "channel": [...] or "occurrence": "first" | "repeat".

Options:
  --site ID      the site's id (touchpoint sites list)
  --file PATH    the stage model as JSON
  --default      go back to the default model (awareness, consideration, evaluation, purchase, loyalty)
${dbHelp}`,
  options: { site: { type: "string" }, file: { type: "string" }, default: { type: "boolean" }, ...dbOption },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    const file = values.file as string | undefined;
    if ((file === undefined) === (values.default !== true)) throw new UsageError("give either --file or --default");
    const model = file === undefined ? null : await readStageModel(file);
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      if (!(await store.setStageModel(siteId, model))) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
    } finally {
      await store.close();
    }
    console.log(
      model === null
        ? `Site ${siteId} uses the default stage model again.`
        : `Site ${siteId} now uses the stages ${model.stages.join(", ")} (conversions: ${model.conversions.join(", ")}).`,
    );
  },
};
