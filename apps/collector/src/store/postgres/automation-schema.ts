/**
 * Automation's tables on PostgreSQL, migrated on their own (drizzle/postgres-automation, drizzle.automation.postgres.config.ts):
 * rules and their versions, runs (each waiting run is its own timer: due_at) and the webhook outbox.
 * Times are milliseconds since the epoch; JSON columns hold text.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

export const automationRules = pgTable(
  "automation_rules",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    /** The version new runs follow. */
    version: integer("version").notNull(),
    enabled: integer("enabled").notNull(),
    signingSecret: text("signing_secret").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("automation_rules_site").on(t.siteId)],
);

/** Every version of a rule's body (name, when, wait, branches, reentry): runs in flight read theirs. */
export const automationRuleVersions = pgTable(
  "automation_rule_versions",
  {
    ruleId: text("rule_id").notNull(),
    version: integer("version").notNull(),
    siteId: text("site_id").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.version] })],
);

export const automationRuns = pgTable(
  "automation_runs",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    ruleId: text("rule_id").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    triggerEventId: text("trigger_event_id").notNull(),
    triggerName: text("trigger_name").notNull(),
    triggerTimestamp: bigint("trigger_timestamp", { mode: "number" }).notNull(),
    personKey: text("person_key").notNull(),
    customerId: text("customer_id"),
    anonymousId: text("anonymous_id"),
    /** The person key while the rule has no reentry: one waiting run per (rule, person). */
    exclusiveKey: text("exclusive_key"),
    /** waiting, done or cancelled. */
    state: text("state").notNull(),
    /** JSON array: the step of the tree the run waits in (stepAt). */
    stepPath: text("step_path").notNull(),
    dueAt: bigint("due_at", { mode: "number" }),
    /** JSON array of the branch labels taken. */
    branches: text("branches").notNull(),
    /** A node firing the run holds it until then. */
    leaseUntil: bigint("lease_until", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("automation_runs_trigger").on(t.ruleId, t.triggerEventId),
    uniqueIndex("automation_runs_exclusive").on(t.ruleId, t.exclusiveKey).where(sql`${t.state} = 'waiting'`),
    index("automation_runs_due").on(t.dueAt).where(sql`${t.state} = 'waiting'`),
    index("automation_runs_rule").on(t.ruleId, t.createdAt),
    index("automation_runs_customer").on(t.siteId, t.customerId),
    /** Finished runs by age, for pruning (pruneFinished). */
    index("automation_runs_finished").on(t.updatedAt).where(sql`${t.state} <> 'waiting'`),
  ],
);

/** The webhook outbox: one row per delivery, written in the transaction that fired its step. */
export const automationDeliveries = pgTable(
  "automation_deliveries",
  {
    id: text("id").primaryKey(),
    siteId: text("site_id").notNull(),
    runId: text("run_id").notNull(),
    ruleId: text("rule_id").notNull(),
    customerId: text("customer_id"),
    url: text("url").notNull(),
    branch: text("branch").notNull(),
    /** The JSON body, fixed at firing: every attempt sends the same bytes. */
    body: text("body").notNull(),
    /** pending, delivered or failed. */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull(),
    lastError: text("last_error"),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }),
    giveUpAt: bigint("give_up_at", { mode: "number" }).notNull(),
    leaseUntil: bigint("lease_until", { mode: "number" }),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("automation_deliveries_due").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("automation_deliveries_run").on(t.runId),
  ],
);

export const automationSchema = { automationRules, automationRuleVersions, automationRuns, automationDeliveries };
