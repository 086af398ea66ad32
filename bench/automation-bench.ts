// The automation part of `npm run bench` (BENCH_ONLY=automation): automation on SQLite, in this
// process, with `pending` timers waiting hours ahead. Firing: 10,000 runs due at once (timers
// fired per second), then 10,000 due evenly over 20 s (lag after the due time; goal p99 <= 1 s).
// Ingest: events through the group commit with no rules, with 99 rules nothing triggers, and
// with 100 rules one of which 1% of the events trigger (goal: within 10% of none).
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { startAutomation } from "../apps/collector/src/automation/automation.js";
import { createGroupCommitWriter } from "../apps/collector/src/ingest/group-commit.js";
import type { AutomationStore, NewRun } from "../apps/collector/src/store/automation-store.js";
import { openAutomationStoreAt } from "../apps/collector/src/automation/open-automation-store.js";
import { openSqliteStore } from "../apps/collector/src/store/sqlite/sqlite-store.js";
import type { EventRow, Store } from "../apps/collector/src/store/store.js";
import { median } from "./median-figures.js";
import { percentile } from "./percentile.js";

export interface AutomationSettings {
  /** Timers waiting hours ahead while the others fire (BENCH_AUTOMATION_PENDING; issue 17: 1,000,000). */
  pending: number;
  /** Events per ingest round and set-up (BENCH_AUTOMATION_EVENTS). */
  ingestEvents: number;
  /** Rounds of the three ingest set-ups, alternating (BENCH_AUTOMATION_ROUNDS). */
  rounds: number;
}

/** One ingest round of one set-up: the rate, and this process's CPU time (every thread) per event. */
export interface IngestRound {
  eventsPerSecond: number;
  cpuMicrosPerEvent: number;
}

export type IngestSetup = "none" | "idle" | "triggering";

export interface AutomationFigures {
  settings: AutomationSettings;
  seedSeconds: number;
  burst: { timers: number; fired: number; seconds: number };
  spread: { timers: number; overSeconds: number; fired: number; lagP50Ms: number | null; lagP99Ms: number | null };
  /** Every round of every set-up, in the order they ran. */
  ingest: Record<IngestSetup, IngestRound[]>;
}

const BURST = 10_000;
const SPREAD = 10_000;
const SPREAD_MS = 20_000;
const HOUR = 3_600_000;
/** How many 50-event writes are in flight at once: enough to fill a 2,000-row group. */
const IN_FLIGHT = 64;

/** The median round of a set-up, figure by figure. */
export function medianRound(rounds: readonly IngestRound[]): IngestRound {
  return {
    eventsPerSecond: median(rounds.map((r) => r.eventsPerSecond)),
    cpuMicrosPerEvent: median(rounds.map((r) => r.cpuMicrosPerEvent)),
  };
}

export async function benchAutomation(settings: AutomationSettings): Promise<AutomationFigures> {
  const { pending, ingestEvents, rounds } = settings;
  const dir = await mkdtemp(join(tmpdir(), "tp-bench-automation-"));
  const file = join(dir, "touchpoint.db");
  const store = await openSqliteStore(file);
  // As the server opens it: on the store's own connection.
  const rules = await openAutomationStoreAt(file, store);
  const reader = new Database(file, { readonly: true });
  const receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const site = await store.createSite({ name: "bench", origins: [] });
    const row = eventRow(site.id);

    // Persons with an event each, so every fired run reads a real journey.
    const persons = pending + BURST + SPREAD;
    const seeded = Date.now();
    for (let i = 0; i < persons; i += 10_000) {
      await store.insertEvents(Array.from({ length: Math.min(10_000, persons - i) }, (_, k) => row(i + k, "video_sent", seeded)));
    }
    const rule = await rules.createRule(
      site.id,
      { name: "bench", when: { event: "video_sent" }, wait: "PT1H", branches: [{ do: [{ webhook: hook }] }] },
      "whsec_bench",
      seeded,
    );
    const run = (i: number, dueAt: number): NewRun => ({
      siteId: site.id,
      ruleId: rule.id,
      ruleVersion: 1,
      reentry: false,
      trigger: { eventId: `evideo_sent${i}`, name: "video_sent", timestamp: seeded },
      personKey: `c:c${i}`,
      customerId: `c${i}`,
      anonymousId: null,
      dueAt,
    });
    const started = Date.now();
    for (let i = 0; i < pending; i += 10_000) {
      await rules.startRuns(
        Array.from({ length: Math.min(10_000, pending - i) }, (_, k) => run(i + k, started + HOUR + ((i + k) % HOUR))),
        started,
      );
    }
    const burstDue = Date.now() + 3_000;
    await rules.startRuns(
      Array.from({ length: BURST }, (_, k) => run(pending + k, burstDue)),
      Date.now(),
    );
    const seedSeconds = (Date.now() - seeded) / 1000;

    // Fired runs by the number in their trigger id (`evideo_sent<i>`), read on a connection of its own.
    const firedSince = reader.prepare(
      `SELECT trigger_event_id AS id, updated_at AS at FROM automation_runs WHERE state = 'done' AND CAST(substr(trigger_event_id, 12) AS INTEGER) BETWEEN ? AND ?`,
    );
    async function untilFired(from: number, to: number, timeoutMs: number): Promise<{ id: string; at: number }[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fired = firedSince.all(from, to - 1) as { id: string; at: number }[];
        if (fired.length >= to - from || Date.now() > deadline) return fired;
        await new Promise((r) => setTimeout(r, 250));
      }
    }

    const automation = startAutomation(store, rules, { allowPrivateWebhooks: true, logError: () => undefined });
    const burstFired = await untilFired(pending, pending + BURST, 300_000);
    const burst = {
      timers: BURST,
      fired: burstFired.length,
      seconds: burstFired.length === 0 ? 0 : (Math.max(...burstFired.map((f) => f.at)) - burstDue) / 1000,
    };

    const spreadStart = Date.now() + 2_000;
    const spreadDue = (k: number) => spreadStart + Math.floor((k * SPREAD_MS) / SPREAD);
    await rules.startRuns(
      Array.from({ length: SPREAD }, (_, k) => run(pending + BURST + k, spreadDue(k))),
      Date.now(),
    );
    const spreadFired = await untilFired(pending + BURST, persons, SPREAD_MS + 120_000);
    const lags = spreadFired.map((f) => f.at - spreadDue(Number(f.id.slice(11)) - pending - BURST));
    const spread = {
      timers: SPREAD,
      overSeconds: SPREAD_MS / 1000,
      fired: spreadFired.length,
      lagP50Ms: lags.length === 0 ? null : percentile(lags, 50),
      lagP99Ms: lags.length === 0 ? null : percentile(lags, 99),
    };
    await automation.stop();

    const ingest = await benchIngestWithRules(store, rules, row, site.id, hook, { ingestEvents, rounds });
    return { settings, seedSeconds, burst, spread, ingest };
  } finally {
    await rules.close();
    reader.close();
    await store.close();
    receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Ingest through the group commit, as the collector wires it (automation hears each commit before
 * its writers are answered). Rounds alternate the set-ups and the table grows as they go, so
 * neither the order nor the table's size favours one; CPU per event is this process's, every
 * thread (the WAL checkpointer's too), so other work on a shared machine moves it less than the rate.
 */
/** Time for automation's start-up passes before an ingest round is measured. */
const AUTOMATION_START_MS = 1_000;

async function benchIngestWithRules(
  store: Store,
  rules: AutomationStore,
  row: ReturnType<typeof eventRow>,
  siteId: string,
  hook: string,
  { ingestEvents, rounds }: Pick<AutomationSettings, "ingestEvents" | "rounds">,
): Promise<Record<IngestSetup, IngestRound[]>> {
  for (let r = 0; r < 99; r++)
    await rules.createRule(
      siteId,
      { name: `idle ${r}`, when: { event: `never_${r}` }, wait: "P1D", branches: [{ do: [] }] },
      "whsec",
      Date.now(),
    );
  const trial = await rules.createRule(
    siteId,
    { name: "trial", when: { event: "trial_started" }, wait: "P1D", branches: [{ do: [{ webhook: hook }] }] },
    "whsec",
    Date.now(),
  );
  let offset = 100_000_000;
  async function round(withRules: boolean): Promise<IngestRound> {
    const live = withRules ? startAutomation(store, rules, { allowPrivateWebhooks: true, pollMs: HOUR, logError: () => undefined }) : null;
    // A collector starts automation once: its first passes (pruning, due timers, left-over stage
    // entries over the pending table) are start-up work, not the cost of the ingest measured here.
    if (live) await new Promise((resolve) => setTimeout(resolve, AUTOMATION_START_MS));
    const writer = createGroupCommitWriter(store, { windowMs: 2, maxRows: 2_000 }, live?.onEventsCommitted);
    const first = offset;
    offset += ingestEvents;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < ingestEvents; i += 50) {
      const n = Math.min(50, ingestEvents - i);
      writes.push(
        writer.write(
          Array.from({ length: n }, (_, k) => row(first + i + k, (i + k) % 100 === 0 ? "trial_started" : "page_view", Date.now())),
        ),
      );
      if (writes.length >= IN_FLIGHT) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    await writer.close();
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    await live?.stop();
    return { eventsPerSecond: ingestEvents / seconds, cpuMicrosPerEvent: (used.user + used.system) / ingestEvents };
  }
  const figures: Record<IngestSetup, IngestRound[]> = { none: [], idle: [], triggering: [] };
  for (let r = 0; r < rounds; r++) {
    figures.none.push(await round(false));
    await rules.setRuleEnabled(siteId, trial.id, false, Date.now());
    figures.idle.push(await round(true));
    await rules.setRuleEnabled(siteId, trial.id, true, Date.now());
    figures.triggering.push(await round(true));
  }
  return figures;
}

/** The bench's events: one person per number, a touchpoint of the crm channel. */
function eventRow(siteId: string) {
  return (i: number, name: string, at: number): EventRow => ({
    siteId,
    id: `e${name}${i}`,
    type: "touchpoint",
    name,
    anonymousId: null,
    customerId: `c${i}`,
    personKey: `c:c${i}`,
    sessionId: null,
    timestamp: at,
    receivedAt: at,
    properties: "{}",
    traits: null,
    context: '{"channel":"crm"}',
    userAgent: null,
    browser: null,
    os: null,
    deviceType: null,
  });
}
