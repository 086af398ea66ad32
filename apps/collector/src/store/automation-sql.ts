/**
 * AutomationStore in SQL both backends speak (`?` placeholders, ON CONFLICT, RETURNING), over a
 * driver per backend; only the lease adds PostgreSQL's FOR UPDATE SKIP LOCKED.
 */
import { randomUUID } from "node:crypto";
import type { RuleBody } from "@touchpoint/journeys";
import type { AutomationStore, NewRun, RecordedStageEntry, RunState, StoredDelivery, StoredRule, StoredRun } from "./automation-store.js";

export type SqlRow = Record<string, unknown>;

/** One statement of a transaction, as its body yields it to the driver. */
export interface SqlStep {
  kind: "all" | "run";
  sql: string;
  params: readonly unknown[];
}

/**
 * A transaction's body is a generator: `const rows = yield* tx.all(...)`. SQLite's driver runs it
 * to the end synchronously, so nothing else on the thread runs between its BEGIN and COMMIT (an
 * ingest commit on the store's own connection would wait for this one's lock while blocking the
 * thread that must finish it); PostgreSQL's awaits each statement.
 */
export const sqlTransaction = {
  *all(sql: string, params: readonly unknown[] = []): Generator<SqlStep, SqlRow[], unknown> {
    return (yield { kind: "all", sql, params }) as SqlRow[];
  },
  *run(sql: string, params: readonly unknown[] = []): Generator<SqlStep, number, unknown> {
    return (yield { kind: "run", sql, params }) as number;
  },
};

export type SqlTransaction = typeof sqlTransaction;
export type TransactionBody<T> = (tx: SqlTransaction) => Generator<SqlStep, T, unknown>;

export interface SqlDriver {
  dialect: "sqlite" | "postgres";
  all(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Resolves with the rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: TransactionBody<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * An id that sorts by creation time (48 bits of milliseconds, then 80 random bits, in hex): a new
 * run lands at the end of the primary key index rather than on a random page of it, so starting
 * a few runs after an ingest commit dirties one leaf there instead of one per run.
 */
const newId = (prefix: string) => `${prefix}_${Date.now().toString(16).padStart(12, "0")}${randomUUID().replaceAll("-", "").slice(12)}`;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function ruleBodyOf(body: RuleBody): RuleBody {
  const { name, when, wait, branches, reentry } = body;
  return { name, when, wait, branches, reentry: reentry ?? false };
}

function toRule(r: SqlRow): StoredRule {
  return {
    id: r.id as string,
    siteId: r.site_id as string,
    version: Number(r.version),
    enabled: Number(r.enabled) === 1,
    signingSecret: r.signing_secret as string,
    body: JSON.parse(r.body as string) as RuleBody,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toRun(r: SqlRow): StoredRun {
  return {
    id: r.id as string,
    siteId: r.site_id as string,
    ruleId: r.rule_id as string,
    ruleVersion: Number(r.rule_version),
    trigger: { eventId: r.trigger_event_id as string, name: r.trigger_name as string, timestamp: Number(r.trigger_timestamp) },
    personKey: r.person_key as string,
    customerId: (r.customer_id as string | null) ?? null,
    anonymousId: (r.anonymous_id as string | null) ?? null,
    state: r.state as RunState,
    stepPath: JSON.parse(r.step_path as string) as number[],
    dueAt: num(r.due_at),
    branches: JSON.parse(r.branches as string) as string[],
    createdAt: Number(r.created_at),
  };
}

function toDelivery(r: SqlRow): StoredDelivery {
  return {
    id: r.id as string,
    siteId: r.site_id as string,
    runId: r.run_id as string,
    ruleId: r.rule_id as string,
    url: r.url as string,
    branch: r.branch as string,
    body: r.body as string,
    status: r.status as StoredDelivery["status"],
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    nextAttemptAt: num(r.next_attempt_at),
    giveUpAt: Number(r.give_up_at),
    deliveredAt: num(r.delivered_at),
  };
}

const RULE_SELECT = `SELECT r.*, v.body FROM automation_rules r JOIN automation_rule_versions v ON v.rule_id = r.id AND v.version = r.version`;

/** How long a delivery is retried before it is marked failed. */
export const DELIVERY_GIVE_UP_MS = 24 * 3_600_000;

export function createSqlAutomationStore(db: SqlDriver): AutomationStore {
  const skipLocked = db.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";

  async function findRule(siteId: string, ruleId: string): Promise<StoredRule | null> {
    const [row] = await db.all(`${RULE_SELECT} WHERE r.site_id = ? AND r.id = ?`, [siteId, ruleId]);
    return row ? toRule(row) : null;
  }

  async function deliveriesOf(runIds: readonly string[]): Promise<Map<string, StoredDelivery[]>> {
    const byRun = new Map<string, StoredDelivery[]>();
    if (runIds.length === 0) return byRun;
    const rows = await db.all(
      `SELECT * FROM automation_deliveries WHERE run_id IN (${runIds.map(() => "?").join(", ")}) ORDER BY created_at, id`,
      runIds,
    );
    for (const row of rows) {
      const d = toDelivery(row);
      byRun.set(d.runId, [...(byRun.get(d.runId) ?? []), d]);
    }
    return byRun;
  }

  return {
    async createRule(siteId, body, signingSecret, now) {
      const id = newId("rule");
      await db.transaction(function* (tx) {
        yield* tx.run(
          `INSERT INTO automation_rules (id, site_id, version, enabled, signing_secret, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)`,
          [id, siteId, body.enabled === false ? 0 : 1, signingSecret, now, now],
        );
        yield* tx.run(`INSERT INTO automation_rule_versions (rule_id, version, site_id, body) VALUES (?, 1, ?, ?)`, [
          id,
          siteId,
          JSON.stringify(ruleBodyOf(body)),
        ]);
      });
      return (await findRule(siteId, id))!;
    },

    async listRules(siteId) {
      return (await db.all(`${RULE_SELECT} WHERE r.site_id = ? ORDER BY r.created_at, r.id`, [siteId])).map(toRule);
    },

    findRule,

    async enabledRules(siteId) {
      return (await db.all(`${RULE_SELECT} WHERE r.site_id = ? AND r.enabled = 1`, [siteId])).map(toRule);
    },

    async setRuleEnabled(siteId, ruleId, enabled, now) {
      const changed = await db.run(`UPDATE automation_rules SET enabled = ?, updated_at = ? WHERE site_id = ? AND id = ?`, [
        enabled ? 1 : 0,
        now,
        siteId,
        ruleId,
      ]);
      return changed === 0 ? null : findRule(siteId, ruleId);
    },

    async replaceRuleBody(siteId, ruleId, body, now) {
      const found = await db.transaction(function* (tx) {
        const [row] = yield* tx.all(`SELECT version FROM automation_rules WHERE site_id = ? AND id = ?`, [siteId, ruleId]);
        if (!row) return false;
        const version = Number(row.version) + 1;
        yield* tx.run(`INSERT INTO automation_rule_versions (rule_id, version, site_id, body) VALUES (?, ?, ?, ?)`, [
          ruleId,
          version,
          siteId,
          JSON.stringify(ruleBodyOf(body)),
        ]);
        const enabled = body.enabled === undefined ? "enabled" : body.enabled ? "1" : "0";
        yield* tx.run(`UPDATE automation_rules SET version = ?, enabled = ${enabled}, updated_at = ? WHERE id = ?`, [version, now, ruleId]);
        return true;
      });
      return found ? findRule(siteId, ruleId) : null;
    },

    async deleteRule(siteId, ruleId) {
      return db.transaction(function* (tx) {
        const deleted = yield* tx.run(`DELETE FROM automation_rules WHERE site_id = ? AND id = ?`, [siteId, ruleId]);
        if (deleted === 0) return false;
        for (const table of ["automation_rule_versions", "automation_runs", "automation_deliveries"]) {
          yield* tx.run(`DELETE FROM ${table} WHERE rule_id = ?`, [ruleId]);
        }
        return true;
      });
    },

    async ruleVersion(ruleId, version) {
      const [row] = await db.all(`SELECT body FROM automation_rule_versions WHERE rule_id = ? AND version = ?`, [ruleId, version]);
      return row ? (JSON.parse(row.body as string) as RuleBody) : null;
    },

    async startRuns(runs: readonly NewRun[], now, handled = []) {
      if (runs.length === 0 && handled.length === 0) return 0;
      return db.transaction(function* (tx) {
        for (const e of handled) {
          yield* tx.run(`DELETE FROM journey_stage_entries WHERE site_id = ? AND person_key = ? AND stage = ? AND entered_at = ?`, [
            e.siteId,
            e.personKey,
            e.stage,
            e.enteredAt,
          ]);
        }
        let started = 0;
        for (const r of runs) {
          // Both unique indexes (rule + trigger event; rule + person while waiting) make a repeat a no-op.
          started += yield* tx.run(
            `INSERT INTO automation_runs (id, site_id, rule_id, rule_version, trigger_event_id, trigger_name, trigger_timestamp, person_key, customer_id, anonymous_id,
               exclusive_key, state, step_path, due_at, branches, lease_until, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', '[]', ?, '[]', NULL, ?, ?) ON CONFLICT DO NOTHING`,
            [
              newId("run"),
              r.siteId,
              r.ruleId,
              r.ruleVersion,
              r.trigger.eventId,
              r.trigger.name,
              r.trigger.timestamp,
              r.personKey,
              r.customerId,
              r.anonymousId,
              r.reentry ? null : r.personKey,
              r.dueAt,
              now,
              now,
            ],
          );
        }
        return started;
      });
    },

    async recordedStageEntries(limit) {
      const rows = await db.all(
        `SELECT site_id, person_key, stage, entered_at, recorded_at FROM journey_stage_entries ORDER BY recorded_at, site_id, person_key LIMIT ?`,
        [limit],
      );
      return rows.map(
        (r): RecordedStageEntry => ({
          siteId: r.site_id as string,
          personKey: r.person_key as string,
          stage: r.stage as string,
          enteredAt: Number(r.entered_at),
          recordedAt: Number(r.recorded_at),
        }),
      );
    },

    async claimDueRuns(now, limit, leaseMs) {
      const rows = await db.all(
        `UPDATE automation_runs SET lease_until = ? WHERE id IN (
           SELECT id FROM automation_runs WHERE state = 'waiting' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ?${skipLocked})
         RETURNING *`,
        [now + leaseMs, now, now, limit],
      );
      return rows.map(toRun).sort((a, b) => a.dueAt! - b.dueAt!);
    },

    async completeSteps(steps, now) {
      if (steps.length === 0) return [];
      return db.transaction(function* (tx) {
        const moved: boolean[] = [];
        for (const { run, result } of steps) {
          const branches = result.branch === null ? run.branches : [...run.branches, result.branch];
          const changed = yield* tx.run(
            `UPDATE automation_runs SET state = ?, step_path = ?, due_at = ?, branches = ?, customer_id = ?, lease_until = NULL, updated_at = ?
             WHERE id = ? AND state = 'waiting' AND step_path = ?`,
            [
              result.next ? "waiting" : "done",
              JSON.stringify(result.next?.path ?? run.stepPath),
              result.next?.dueAt ?? null,
              JSON.stringify(branches),
              result.customerId,
              now,
              run.id,
              JSON.stringify(run.stepPath),
            ],
          );
          moved.push(changed === 1);
          if (changed === 0) continue;
          for (const d of result.deliveries) {
            yield* tx.run(
              `INSERT INTO automation_deliveries (id, site_id, run_id, rule_id, customer_id, url, branch, body, status, attempts, last_error, next_attempt_at, give_up_at, lease_until, delivered_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, ?, ?, NULL, NULL, ?) ON CONFLICT DO NOTHING`,
              [d.id, run.siteId, run.id, run.ruleId, result.customerId, d.url, d.branch, d.body, now, now + DELIVERY_GIVE_UP_MS, now],
            );
          }
        }
        return moved;
      });
    },

    async cancelRun(runId, now) {
      return (
        (await db.run(
          `UPDATE automation_runs SET state = 'cancelled', due_at = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'waiting'`,
          [now, runId],
        )) === 1
      );
    },

    async listRuns(siteId, ruleId, { customerId, state, limit }) {
      const where = ["site_id = ?", "rule_id = ?"];
      const params: unknown[] = [siteId, ruleId];
      if (customerId !== undefined) {
        where.push("customer_id = ?");
        params.push(customerId);
      }
      if (state !== undefined) {
        where.push("state = ?");
        params.push(state);
      }
      const runs = (
        await db.all(`SELECT * FROM automation_runs WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id LIMIT ?`, [...params, limit])
      ).map(toRun);
      const deliveries = await deliveriesOf(runs.map((r) => r.id));
      return runs.map((r) => ({ ...r, deliveries: deliveries.get(r.id) ?? [] }));
    },

    async countRuns(siteId) {
      const runs = await db.all(
        `SELECT rule_id, state, branches, count(*) AS n FROM automation_runs WHERE site_id = ? GROUP BY rule_id, state, branches`,
        [siteId],
      );
      const deliveries = await db.all(
        `SELECT rule_id, branch, status, count(*) AS n FROM automation_deliveries WHERE site_id = ? GROUP BY rule_id, branch, status`,
        [siteId],
      );
      return {
        runs: runs.map((r) => ({
          ruleId: r.rule_id as string,
          state: r.state as RunState,
          branches: JSON.parse(r.branches as string) as string[],
          runs: Number(r.n),
        })),
        deliveries: deliveries.map((r) => ({
          ruleId: r.rule_id as string,
          branch: r.branch as string,
          status: r.status as StoredDelivery["status"],
          deliveries: Number(r.n),
        })),
      };
    },

    async claimDueDeliveries(now, limit, leaseMs) {
      const rows = await db.all(
        `UPDATE automation_deliveries SET lease_until = ? WHERE id IN (
           SELECT id FROM automation_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?${skipLocked})
         RETURNING *`,
        [now + leaseMs, now, now, limit],
      );
      return rows.map(toDelivery);
    },

    async recordAttempt(deliveryId, result, now) {
      if ("delivered" in result) {
        await db.run(
          `UPDATE automation_deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL, delivered_at = ?, lease_until = NULL WHERE id = ?`,
          [now, deliveryId],
        );
      } else if ("retryAt" in result) {
        await db.run(
          `UPDATE automation_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?`,
          [result.error, result.retryAt, deliveryId],
        );
      } else {
        await db.run(
          `UPDATE automation_deliveries SET status = 'failed', attempts = attempts + 1, last_error = ?, next_attempt_at = NULL, lease_until = NULL WHERE id = ?`,
          [result.error, deliveryId],
        );
      }
    },

    async pruneFinished(before, limit) {
      return db.transaction(function* (tx) {
        const ids = (yield* tx.all(
          `SELECT id FROM automation_runs r WHERE state <> 'waiting' AND updated_at < ?
               AND NOT EXISTS (SELECT 1 FROM automation_deliveries d WHERE d.run_id = r.id AND d.status = 'pending')
             ORDER BY updated_at LIMIT ?`,
          [before, limit],
        )).map((row) => row.id as string);
        if (ids.length === 0) return { runs: 0, deliveries: 0 };
        const list = ids.map(() => "?").join(", ");
        const deliveries = yield* tx.run(`DELETE FROM automation_deliveries WHERE run_id IN (${list})`, ids);
        const runs = yield* tx.run(`DELETE FROM automation_runs WHERE id IN (${list})`, ids);
        return { runs, deliveries };
      });
    },

    async countOpenWork() {
      const [runs] = await db.all(`SELECT count(*) AS n FROM automation_runs WHERE state = 'waiting'`, []);
      const byStatus = await db.all(`SELECT status, count(*) AS n FROM automation_deliveries GROUP BY status`, []);
      const deliveries = { pending: 0, delivered: 0, failed: 0 };
      for (const row of byStatus) deliveries[row.status as keyof typeof deliveries] = Number(row.n);
      return { waitingRuns: Number(runs?.n ?? 0), deliveries };
    },

    async forgetCustomer(siteId, customerId, now) {
      return db.transaction(function* (tx) {
        const cancelledRuns = yield* tx.run(
          `UPDATE automation_runs SET state = 'cancelled', due_at = NULL, lease_until = NULL, updated_at = ? WHERE site_id = ? AND state = 'waiting' AND (customer_id = ? OR person_key = ?)`,
          [now, siteId, customerId, `c:${customerId}`],
        );
        const deletedDeliveries = yield* tx.run(
          `DELETE FROM automation_deliveries WHERE site_id = ? AND (customer_id = ? OR run_id IN (SELECT id FROM automation_runs WHERE site_id = ? AND (customer_id = ? OR person_key = ?)))`,
          [siteId, customerId, siteId, customerId, `c:${customerId}`],
        );
        yield* tx.run(`DELETE FROM journey_stage_entries WHERE site_id = ? AND person_key = ?`, [siteId, `c:${customerId}`]);
        // The runs stay as counts (rule, version, branches, state) but no longer name the person.
        yield* tx.run(
          `UPDATE automation_runs SET person_key = 'erased', customer_id = NULL, anonymous_id = NULL, exclusive_key = NULL, updated_at = ? WHERE site_id = ? AND (customer_id = ? OR person_key = ?)`,
          [now, siteId, customerId, `c:${customerId}`],
        );
        return { cancelledRuns, deletedDeliveries };
      });
    },

    close: () => db.close(),
  };
}
