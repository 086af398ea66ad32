/** `touchpoint rules apply` and `touchpoint rules list`: automation rules from a file, by name. */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { RuleBody } from "@touchpoint/journeys";
import { openAutomationStoreAt } from "../automation/open-automation-store.js";
import { loadConfig } from "../config.js";
import { ruleBodySchema } from "../http/rule-schemas.js";
import type { StoredRule } from "../store/automation-store.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

const rulesFileSchema = z.array(ruleBodySchema).min(1);

async function readRules(file: string): Promise<RuleBody[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--file: cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const parsed = rulesFileSchema.safeParse(json);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(the file)"}: ${issue.message}`);
  if (problems.length > 0) throw new UsageError(`${file} is not a valid list of rules:\n${problems.join("\n")}`);
  const names = parsed.data!.map((r) => r.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new UsageError(`${file}: the name ${JSON.stringify(twice)} is used twice; rules are matched by name`);
  return parsed.data!;
}

/** Opens the site's rules, checking the site exists. */
async function withRules<T>(
  db: string | undefined,
  siteId: string,
  work: (rules: Awaited<ReturnType<typeof openAutomationStoreAt>>) => Promise<T>,
): Promise<T> {
  const path = loadConfig({ db }).db;
  const store = await openStoreAt(path);
  try {
    if (!(await store.listSites()).some((s) => s.id === siteId)) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
    const rules = await openAutomationStoreAt(path);
    try {
      return await work(rules);
    } finally {
      await rules.close();
    }
  } finally {
    await store.close();
  }
}

const sameBody = (rule: StoredRule, body: RuleBody) => {
  const { enabled: _enabled, ...rest } = body;
  return isDeepStrictEqual(rule.body, { ...rest, reentry: rest.reentry ?? false });
};

export const rulesApplyCommand: Command = {
  path: ["rules", "apply"],
  summary: "create or update a site's automation rules from a JSON file (matched by name)",
  help: `Usage: touchpoint rules apply --file rules.json --site ID [--db PATH]

rules.json is a list of rules, as POST /v1/rules takes them:
  [ { "name": "abandoned cart", "when": { "event": "begin_checkout" }, "wait": "PT30M",
      "branches": [ { "if": { "noEvent": "purchase" },
                      "do": [ { "webhook": "https://crm.example/cart" }, { "track": "cart_reminder_sent" } ] } ] } ]
A rule whose name the site has already becomes its next version when it differs (runs in flight
keep theirs); a new name creates a rule and prints its signing secret, shown this once here.
Rules not in the file are left alone. A running collector sees the changes within a second.

Options:
  --site ID      the site's id (touchpoint sites list)
  --file PATH    the rules as JSON
${dbHelp}`,
  options: { site: { type: "string" }, file: { type: "string" }, ...dbOption },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    const file = values.file as string | undefined;
    if (!file) throw new UsageError("--file is required");
    const bodies = await readRules(file);
    await withRules(values.db as string | undefined, siteId, async (rules) => {
      const existing = new Map((await rules.listRules(siteId)).map((r) => [r.body.name, r]));
      for (const body of bodies) {
        const found = existing.get(body.name);
        const now = Date.now();
        if (!found) {
          const rule = await rules.createRule(siteId, body, `whsec_${randomBytes(24).toString("base64url")}`, now);
          console.log(`created ${rule.id} "${body.name}" (version 1); signing secret: ${rule.signingSecret}`);
        } else if (!sameBody(found, body)) {
          const rule = (await rules.replaceRuleBody(siteId, found.id, body, now))!;
          console.log(`updated ${rule.id} "${body.name}" to version ${rule.version}`);
        } else if (body.enabled !== undefined && body.enabled !== found.enabled) {
          await rules.setRuleEnabled(siteId, found.id, body.enabled, now);
          console.log(`${body.enabled ? "enabled" : "disabled"} ${found.id} "${body.name}"`);
        } else {
          console.log(`unchanged ${found.id} "${body.name}" (version ${found.version})`);
        }
      }
    });
  },
};

export const rulesListCommand: Command = {
  path: ["rules", "list"],
  summary: "list a site's automation rules",
  help: `Usage: touchpoint rules list --site ID [--db PATH]

One line per rule, oldest first: id, version, enabled or disabled, trigger event, wait, name.

Options:
  --site ID      the site's id (touchpoint sites list)
${dbHelp}`,
  options: { site: { type: "string" }, ...dbOption },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    await withRules(values.db as string | undefined, siteId, async (rules) => {
      const list = await rules.listRules(siteId);
      if (list.length === 0) console.log(`Site ${siteId} has no rules.`);
      for (const r of list) {
        const when = "event" in r.body.when ? r.body.when.event : JSON.stringify(r.body.when);
        console.log(`${r.id}  v${r.version}  ${r.enabled ? "enabled " : "disabled"}  when ${when}  wait ${r.body.wait}  ${r.body.name}`);
      }
    });
  },
};
