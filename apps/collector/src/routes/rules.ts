/**
 * The rules API (secret key): create, list, read, update (enable, or a new version), delete an
 * automation rule; its runs; its backtest over history. Bodies are read here rather than by the
 * OpenAPI layer, so a malformed or oversized body gets the same JSON errors as everywhere.
 */
import { randomBytes } from "node:crypto";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { isoTime } from "@touchpoint/journeys";
import type { Automation } from "../automation/automation.js";
import { ApiError } from "../http/api-error.js";
import { answerInvalidInput, invalidParameter } from "../http/invalid-parameter.js";
import { enumParam, instantParam, integerParam, queryParams, textParam } from "../http/query-params.js";
import { errorResponse, KEY_RESPONSES, SECRET_KEY, INVALID_PARAMETER } from "../http/query-responses.js";
import type { BodyTiming } from "../http/read-body.js";
import { readBodyAs } from "../http/read-json-body.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { backtestSchema, ruleBodySchema, rulePatchSchema, runSchema, storedRuleSchema } from "../http/rule-schemas.js";
import { ruleBacktest } from "../queries/rule-backtest.js";
import type { RunWithDeliveries, StoredRule } from "../store/automation-store.js";
import type { Store } from "../store/store.js";

/** A rule is a few kilobytes; 64 KB leaves room for large trees. */
const MAX_RULE_BYTES = 65_536;

function ruleJson(rule: StoredRule) {
  return {
    id: rule.id,
    signingSecret: rule.signingSecret,
    version: rule.version,
    name: rule.body.name,
    when: rule.body.when,
    wait: rule.body.wait,
    branches: rule.body.branches,
    reentry: rule.body.reentry === true,
    enabled: rule.enabled,
    createdAt: isoTime(rule.createdAt),
    updatedAt: isoTime(rule.updatedAt),
  };
}

function runJson(run: RunWithDeliveries) {
  const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));
  return {
    id: run.id,
    ruleVersion: run.ruleVersion,
    customerId: run.customerId,
    anonymousId: run.anonymousId,
    trigger: { ...run.trigger, timestamp: isoTime(run.trigger.timestamp) },
    state: run.state,
    dueAt: run.state === "waiting" ? iso(run.dueAt) : null,
    branches: run.branches,
    deliveries: run.deliveries.map((d) => ({
      id: d.id,
      url: d.url,
      branch: d.branch,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      nextAttemptAt: d.status === "pending" ? iso(d.nextAttemptAt) : null,
      deliveredAt: iso(d.deliveredAt),
    })),
    createdAt: isoTime(run.createdAt),
  };
}

const ruleIdParams = z.object({ id: textParam("The rule id") });
const unknownRuleResponse = errorResponse("No rule of this site has this id");
const unknownRule = (id: string) => new ApiError(404, "unknown_rule", `no rule of this site has the id ${JSON.stringify(id)}`);

export function rulesApi(store: Store, automation: Automation, { bodyTiming }: { bodyTiming: BodyTiming }): OpenAPIHono<KeyEnv> {
  const api = new OpenAPIHono<KeyEnv>({ defaultHook: answerInvalidInput });
  const rules = automation.store;
  const secret = requireKey(store, ["secret"]);
  const bodyErrors = {
    400: errorResponse("Unparsable JSON, or a field out of its domain; `issues[].path` names it and the rule it breaks"),
    ...KEY_RESPONSES,
    408: errorResponse("The body did not arrive within the body timeout"),
    413: errorResponse("Body over 64 KB"),
  };

  api.openAPIRegistry.registerPath({
    method: "post",
    path: "/v1/rules",
    summary: "Create an automation rule",
    description:
      "When `when.event` happens, wait `wait`, then run the first branch whose `if` holds over the person's events since the trigger. " +
      "The answer's signingSecret signs every webhook of the rule. Secret key only.",
    security: SECRET_KEY,
    request: { body: { required: true, content: { "application/json": { schema: ruleBodySchema } } } },
    responses: { 201: { description: "The rule", content: { "application/json": { schema: storedRuleSchema } } }, ...bodyErrors },
  });
  api.post("/v1/rules", secret, async (c) => {
    const body = await readBodyAs(c, ruleBodySchema, MAX_RULE_BYTES, bodyTiming);
    const siteId = c.get("site").id;
    const rule = await rules.createRule(siteId, body, `whsec_${randomBytes(24).toString("base64url")}`, Date.now());
    automation.rulesChanged(siteId);
    return c.json(ruleJson(rule), 201);
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/rules",
      summary: "List the site's automation rules",
      security: SECRET_KEY,
      middleware: secret,
      responses: {
        200: { description: "Oldest first", content: { "application/json": { schema: z.object({ rules: z.array(storedRuleSchema) }) } } },
        ...KEY_RESPONSES,
      },
    }),
    async (c) => c.json({ rules: (await rules.listRules(c.get("site").id)).map(ruleJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/rules/{id}",
      summary: "One automation rule",
      security: SECRET_KEY,
      middleware: secret,
      request: { params: ruleIdParams },
      responses: {
        200: { description: "The rule", content: { "application/json": { schema: storedRuleSchema } } },
        ...KEY_RESPONSES,
        404: unknownRuleResponse,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const rule = await rules.findRule(c.get("site").id, id);
      if (!rule) throw unknownRule(id);
      return c.json(ruleJson(rule), 200);
    },
  );

  api.openAPIRegistry.registerPath({
    method: "patch",
    path: "/v1/rules/{id}",
    summary: "Enable or disable a rule, or give it a new version",
    description:
      '`{ "enabled": false }` stops new runs; a whole rule body becomes the next version. Runs in flight keep the version they started with.',
    security: SECRET_KEY,
    request: { params: ruleIdParams, body: { required: true, content: { "application/json": { schema: rulePatchSchema } } } },
    responses: {
      200: { description: "The rule", content: { "application/json": { schema: storedRuleSchema } } },
      ...bodyErrors,
      404: unknownRuleResponse,
    },
  });
  api.patch("/v1/rules/:id", secret, async (c) => {
    const id = c.req.param("id");
    const patch = await readBodyAs(c, rulePatchSchema, MAX_RULE_BYTES, bodyTiming);
    const siteId = c.get("site").id;
    let rule: StoredRule | null;
    if ("name" in patch) {
      rule = await rules.replaceRuleBody(siteId, id, patch, Date.now());
    } else {
      rule = await rules.setRuleEnabled(siteId, id, patch.enabled, Date.now());
    }
    automation.rulesChanged(siteId);
    if (!rule) throw unknownRule(id);
    return c.json(ruleJson(rule), 200);
  });

  api.openapi(
    createRoute({
      method: "delete",
      path: "/v1/rules/{id}",
      summary: "Delete a rule with its runs and outbox",
      security: SECRET_KEY,
      middleware: secret,
      request: { params: ruleIdParams },
      responses: { 204: { description: "Deleted" }, ...KEY_RESPONSES, 404: unknownRuleResponse },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const siteId = c.get("site").id;
      if (!(await rules.deleteRule(siteId, id))) throw unknownRule(id);
      automation.rulesChanged(siteId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/rules/{id}/runs",
      summary: "A rule's runs, newest first",
      description: "Each run's trigger, state, due time, branches taken and every webhook delivery (status, attempts, last error).",
      security: SECRET_KEY,
      middleware: secret,
      request: {
        params: ruleIdParams,
        query: queryParams({
          customerId: textParam("Only this customer's runs").optional(),
          state: enumParam(["waiting", "done", "cancelled"], "Only runs in this state").optional(),
          limit: integerParam("At most this many runs (default 100)", 1, 1_000).optional(),
        }),
      },
      responses: {
        200: { description: "Runs", content: { "application/json": { schema: z.object({ runs: z.array(runSchema) }) } } },
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: unknownRuleResponse,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { customerId, state, limit } = c.req.valid("query");
      const siteId = c.get("site").id;
      if (!(await rules.findRule(siteId, id))) throw unknownRule(id);
      const runs = await rules.listRuns(siteId, id, { customerId, state, limit: limit ?? 100 });
      return c.json({ runs: runs.map(runJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/v1/rules/{id}/backtest",
      summary: "What a rule would have done over history",
      description:
        "Every trigger in [from, to) (an event; for stageEntered the person's first touchpoint of the stage; for stalled that entry + days, if still in the stage then) enters (one run at a time per person unless reentry); each wait ends with the branches evaluated over the events " +
        "that had happened by then, with the stage and traits as of then. Nothing is sent or stored.",
      security: SECRET_KEY,
      middleware: secret,
      request: {
        params: ruleIdParams,
        query: queryParams({ from: instantParam("Triggers from this time"), to: instantParam("Triggers before this time") }),
      },
      responses: {
        200: { description: "Counts", content: { "application/json": { schema: backtestSchema } } },
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: unknownRuleResponse,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      const site = c.get("site");
      const rule = await rules.findRule(site.id, id);
      if (!rule) throw unknownRule(id);
      const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
      if (!(from < to)) throw invalidParameter([{ path: "to", message: "must be after from" }]);
      const result = await ruleBacktest(store, site, rule.body, { from, to, asOf: Date.now() });
      return c.json({ from: isoTime(from), to: isoTime(to), ...result }, 200);
    },
  );

  return api;
}
