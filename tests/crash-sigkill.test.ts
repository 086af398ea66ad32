import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newLedger, runSender } from "./support/crash-sender.js";
import { CollectorProcess, createSite, freePort, type SiteKeys, requireBuiltCollector } from "./support/process-collector.js";
import { integrityCheck, readStoredEvents } from "./support/process-db.js";
import { SeededRandom, idMaker } from "./support/process-random.js";

/**
 * The durability promise, end to end: an event acknowledged with 2xx is stored exactly once,
 * even when the collector dies with SIGKILL (no flush, no goodbye) in the middle of commits.
 * TOUCHPOINT_CRASH_SEED replays a run's schedule of kills.
 */
const SEED = Number(process.env.TOUCHPOINT_CRASH_SEED ?? 20261123);
const KILLS = 6;
const SENDERS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("crash: SIGKILL under load", () => {
  let dir: string;
  let db: string;
  let site: SiteKeys;
  let collector: CollectorProcess | undefined;

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-crash-"));
    db = join(dir, "crash.db");
    site = await createSite(db, "crash-test");
  });

  afterAll(async () => {
    await collector?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stores every acknowledged event exactly once across ${KILLS} SIGKILLs`, async () => {
    const random = new SeededRandom(SEED);
    const port = await freePort();
    collector = await CollectorProcess.start({ db, port });
    const ledger = newLedger();
    let sending = true;
    const senders = Array.from({ length: SENDERS }, (_, i) =>
      runSender({
        port,
        writeKey: site.writeKey,
        random: new SeededRandom(SEED + i + 1),
        newId: idMaker(new SeededRandom(SEED * 31 + i), Date.now()),
        ledger,
        keepSending: () => sending,
      }),
    );

    let kills = 0;
    const crashedOnItsOwn: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      await sleep(random.int(300, 1_500));
      if (!collector.isRunning) crashedOnItsOwn.push(collector.output());
      const exit = await collector.kill("SIGKILL");
      expect(exit.signal).toBe("SIGKILL");
      kills++;
      // Down for a moment: senders meet refused connections and back off.
      await sleep(random.int(0, 300));
      collector = await CollectorProcess.start({ db, port });
    }
    await sleep(500);
    sending = false;
    await Promise.all(senders);
    const exit = await collector.stop();

    const stored = readStoredEvents(db, site.id);
    const storedIds = new Set(stored.map((e) => e.id));
    const lost = [...ledger.acknowledgedIds].filter((id) => !storedIds.has(id));
    const unknown = stored.filter((e) => !ledger.acknowledgedIds.has(e.id)).map((e) => e.id);

    console.log(
      `crash test (seed ${SEED}): kills ${kills}, events sent ${ledger.eventsSent} in ${ledger.batches} batches, ` +
        `acknowledged ${ledger.acknowledgedIds.size}, requests ${ledger.requests}, retried requests ${ledger.retries} ` +
        `(unanswered ${ledger.unanswered}, 5xx ${ledger.serverErrors}, 429 ${ledger.throttled}), events in retried batches ${ledger.retriedEvents}, ` +
        `stored ${stored.length}, accepted counted ${ledger.acceptedSum} + duplicates after a lost answer ${ledger.recoveredDuplicates}, ` +
        `acknowledged batches sent again ${ledger.resends}, lost ${lost.length}, doubled ${stored.length - storedIds.size}`,
    );

    expect(crashedOnItsOwn).toEqual([]);
    expect(kills).toBe(KILLS);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ledger.violations).toEqual([]);
    expect(ledger.retries).toBeGreaterThan(0);
    // Every batch was finally acknowledged, so everything sent was acknowledged.
    expect(ledger.acknowledgedIds.size).toBe(ledger.eventsSent);
    expect(lost).toEqual([]);
    expect(unknown).toEqual([]);
    expect(stored.length).toBe(storedIds.size);
    expect(stored.length).toBe(ledger.eventsSent);
    // Each stored event was counted once: as accepted, or as a duplicate by the retry of a request
    // whose answer the kill swallowed after its commit.
    expect(ledger.acceptedSum + ledger.recoveredDuplicates).toBe(stored.length);
    expect(integrityCheck(db)).toBe("ok");
  });
});
