import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CollectorProcess,
  createSite,
  freePort,
  type SiteKeys,
  requireBuiltCollector,
  callCollector,
} from "./support/process-collector.js";
import { withDatabase } from "./support/process-db.js";

/**
 * stageEntered triggers survive a SIGKILL between journey upkeep's commit and the storing of
 * their runs: upkeep records each entry in its own transaction, the collector is killed while
 * recorded entries still wait for their runs, and after the restart every customer who entered
 * the stage has exactly one run (the rule allows reentry, so only the trigger's identity keeps a
 * replay from starting a second one).
 */
const CUSTOMERS = 2_000;
const BATCH = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const reviewRead = (n: number) => ({
  id: `review-${n}`,
  type: "touchpoint",
  name: "review_read",
  customerId: `cust-${n}`,
  timestamp: new Date().toISOString(),
});

describe("automation: SIGKILL between upkeep's commit and the runs of its stage entries", () => {
  let dir: string;
  let db: string;
  let site: SiteKeys;
  let collector: CollectorProcess | undefined;

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-stage-crash-"));
    db = join(dir, "stage.db");
    site = await createSite(db, "stage crash");
  });

  afterAll(async () => {
    await collector?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts one run per customer who entered the stage, after the restart", async () => {
    const port = await freePort();
    collector = await CollectorProcess.start({ db, port });
    const rule = (
      await callCollector(port, site.secretKey, "POST", "/v1/rules", {
        name: "sales call",
        // The audience check reads each person's journey: the runs of a chunk take a while to store.
        when: { stageEntered: "evaluation", audience: { stage: "evaluation" } },
        wait: "P1D",
        reentry: true,
        branches: [{ do: [] }],
      })
    ).body;

    // Kill once upkeep has rebuilt every customer and recorded entries whose runs are not stored
    // yet: after the restart no upkeep notice comes, only what the store kept brings the runs.
    const watcher = new Database(db, { readonly: true });
    const recorded = watcher.prepare(
      "SELECT (SELECT count(*) FROM journey_stage_entries) AS n, (SELECT count(*) FROM journey_digests) AS digests",
    );
    let killedWith = 0;
    let sent = false;
    const killed = (async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const { n, digests } = recorded.get() as { n: number; digests: number };
        if (sent && digests === CUSTOMERS && n > 0) {
          await collector!.kill("SIGKILL");
          killedWith = n;
          return;
        }
        await sleep(1);
      }
    })();
    for (let first = 0; first < CUSTOMERS; first += BATCH) {
      const events = Array.from({ length: BATCH }, (_, k) => reviewRead(first + k));
      const { status } = await callCollector(port, site.secretKey, "POST", "/v1/batch", {
        writeKey: "server",
        sentAt: new Date().toISOString(),
        events,
      });
      expect(status).toBe(200);
    }
    sent = true;
    await killed;
    watcher.close();
    expect(killedWith, "upkeep never left entries waiting for their runs: the kill missed the window").toBeGreaterThan(0);
    expect(collector.isRunning).toBe(false);
    const entered = Array.from({ length: CUSTOMERS }, (_, n) => `cust-${n}`).sort();

    collector = await CollectorProcess.start({ db, port });
    const afterRestart = () =>
      withDatabase(db, (file) => ({
        runs: (file.prepare("SELECT customer_id AS id FROM automation_runs WHERE rule_id = ?").all(rule.id) as { id: string }[])
          .map((r) => r.id)
          .sort(),
        left: (file.prepare("SELECT count(*) AS n FROM journey_stage_entries").get() as { n: number }).n,
      }));
    const deadline = Date.now() + 60_000;
    let stored = afterRestart();
    while ((stored.runs.length < entered.length || stored.left > 0) && Date.now() < deadline) {
      await sleep(200);
      stored = afterRestart();
    }
    // Time for a double to show up, if there were one.
    await sleep(1_000);
    stored = afterRestart();
    expect(stored.left).toBe(0);
    expect(stored.runs).toEqual(entered);
    const first = (await callCollector(port, site.secretKey, "GET", `/v1/rules/${rule.id}/runs?customerId=${entered[0]}`)).body.runs;
    expect(first.map((r: { state: string; trigger: { name: string } }) => [r.state, r.trigger.name])).toEqual([["waiting", "evaluation"]]);
  }, 180_000);
});
