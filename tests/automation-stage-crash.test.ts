import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CollectorProcess, createSite, freePort, requireBuiltCollector, callCollector } from "./support/process-collector.js";
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

/** The process's state letter from /proc (T: stopped). */
const processState = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
};

const reviewRead = (n: number) => ({
  id: `review-${n}`,
  type: "touchpoint",
  name: "review_read",
  customerId: `cust-${n}`,
  timestamp: new Date().toISOString(),
});

/** Fresh databases tried at most: an attempt whose kill came after automation stored every run exercises only the restart. */
const ATTEMPTS = 5;

describe("automation: SIGKILL between upkeep's commit and the runs of its stage entries", () => {
  let dir: string;
  let collector: CollectorProcess | undefined;

  beforeAll(() => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-stage-crash-"));
  });

  afterAll(async () => {
    await collector?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Posts the customers, kills the collector as soon as upkeep has rebuilt all of them, restarts
   * it and checks that every customer who entered the stage has exactly one run. Answers how many
   * entries still waited for their runs at the kill: 0 when automation had stored them all.
   */
  async function crashAndRestart(db: string): Promise<number> {
    const site = await createSite(db, "stage crash");
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

    // Kill once upkeep has rebuilt every customer: after the restart no upkeep notice comes, only
    // what the store kept brings the runs of entries recorded before the kill.
    const watcher = new Database(db, { readonly: true });
    const recorded = watcher.prepare(
      "SELECT (SELECT count(*) FROM journey_stage_entries) AS n, (SELECT count(*) FROM journey_digests) AS digests",
    );
    let sent = false;
    const killed = (async (): Promise<number> => {
      const deadline = Date.now() + 60_000;
      while (!sent && Date.now() < deadline) await sleep(1);
      // Upkeep records a chunk's entries and automation stores their runs a few milliseconds
      // later: a look every millisecond missed that window whenever this process was slow to be
      // scheduled. So once every batch is in, the collector runs in slices of 0.3 ms and is frozen
      // (SIGSTOP) while the store is read, and killed in the state that was read.
      const pid = collector!.pid;
      while (Date.now() < deadline) {
        process.kill(pid, "SIGSTOP");
        while (processState(pid) !== "T") await sleep(0);
        const { n, digests } = recorded.get() as { n: number; digests: number };
        if (digests === CUSTOMERS) {
          await collector!.kill("SIGKILL");
          return n;
        }
        process.kill(pid, "SIGCONT");
        const sliceEnd = performance.now() + 0.3;
        while (performance.now() < sliceEnd);
      }
      process.kill(pid, "SIGCONT");
      throw new Error("upkeep did not rebuild every customer within 60 s");
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
    const waiting = await killed;
    watcher.close();
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
    await collector.kill();
    return waiting;
  }

  it("starts one run per customer who entered the stage, after the restart", async () => {
    let waiting = 0;
    for (let attempt = 1; attempt <= ATTEMPTS && waiting === 0; attempt++)
      waiting = await crashAndRestart(join(dir, `stage-${attempt}.db`));
    expect(waiting, `upkeep never left entries waiting for their runs: the kill missed the window in ${ATTEMPTS} attempts`).toBeGreaterThan(
      0,
    );
  }, 300_000);
});
