import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventFactory, type PlannedEvent } from "./support/fuzz-events.js";
import { judge } from "./support/fuzz-judge.js";
import { serialize } from "./support/fuzz-raw-json.js";
import { FuzzCaseMaker, type FuzzCase } from "./support/fuzz-requests.js";
import { CollectorProcess, createSite, freePort, type SiteKeys, requireBuiltCollector } from "./support/process-collector.js";
import { countStoredEvents, readStoredEvents, type StoredEvent } from "./support/process-db.js";
import { BROWSER_USER_AGENT } from "./support/process-events.js";
import { answerJson, sendRequest, type HttpOutcome } from "./support/process-http.js";
import { SeededRandom, idMaker } from "./support/process-random.js";

/**
 * Hostile input against the built collector on a real port: thousands of generated bad requests
 * (fixed seed), each checked for a documented JSON answer with the right status, then the
 * database checked for exactly the events that were acknowledged, then memory.
 * TOUCHPOINT_FUZZ=50000 runs a bigger round; TOUCHPOINT_FUZZ_SEED another sequence.
 */
const SEED = Number(process.env.TOUCHPOINT_FUZZ_SEED ?? 8);
const REQUESTS = Number(process.env.TOUCHPOINT_FUZZ ?? 5_000);
const WARM_UP = 500;
const IN_FLIGHT = 8;
const ORIGIN = "https://shop.example";
/** The collector's body read timeout in this test, short so the trickle test stays quick. */
const BODY_TIMEOUT_MS = 1_000;
const MB = 1024 * 1024;
/**
 * The collector's SQLite page cache (cache_size = -65536 in its store) fills as the database
 * grows during the run: bounded by design, so it is allowed on top of the baseline, not a leak.
 */
const SQLITE_CACHE_BYTES = 64 * MB;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RoundFigures {
  requests: number;
  accepted: number;
  statuses: Map<string, number>;
  problems: { family: string; problem: string }[];
  /** The collector's RSS in MB after each tenth of the round: a leak climbs, caches level off. */
  rssMb: number[];
}

describe("fuzz: hostile requests to POST /v1/batch", () => {
  let dir: string;
  let db: string;
  let site: SiteKeys;
  let collector: CollectorProcess;
  /** Every event an answer said was stored, by id. */
  const acknowledged = new Map<string, PlannedEvent>();
  let acceptedTotal = 0;

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-fuzz-"));
    db = join(dir, "fuzz.db");
    site = await createSite(db, "fuzz-test", [ORIGIN]);
    collector = await CollectorProcess.start({ db, port: await freePort(), env: { TOUCHPOINT_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) } });
  });

  afterAll(async () => {
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends `count` cases, IN_FLIGHT at a time, judging each answer as it comes. */
  async function round(maker: FuzzCaseMaker, count: number): Promise<RoundFigures> {
    const figures: RoundFigures = { requests: 0, accepted: 0, statuses: new Map(), problems: [], rssMb: [] };
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const send = async (fuzzCase: FuzzCase): Promise<HttpOutcome> => {
      // Streams and huge bodies get a connection of their own; the rest share a pool.
      const own = fuzzCase.request.chunks !== undefined || (fuzzCase.request.body?.length ?? 0) > MB / 2;
      const request = { ...fuzzCase.request, port: collector.port, agent: own ? (false as const) : agent };
      const outcome = await sendRequest(request);
      // A pooled connection the server closed while idle: the request never reached it.
      if (!outcome.answered && outcome.reusedSocket) return sendRequest(request);
      return outcome;
    };
    const worker = async () => {
      while (figures.requests < count) {
        figures.requests++;
        if (figures.requests % Math.ceil(count / 10) === 0) figures.rssMb.push(Math.round(collector.rssBytes() / MB));
        const fuzzCase = maker.next();
        const judgement = judge(fuzzCase, await send(fuzzCase));
        const status = String(judgement.status ?? "none");
        figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
        figures.accepted += judgement.accepted;
        for (const problem of judgement.problems) figures.problems.push({ family: fuzzCase.family, problem });
        for (const event of judgement.stored) if (event.id !== null) acknowledged.set(event.id, event);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    agent.destroy();
    acceptedTotal += figures.accepted;
    return figures;
  }

  function storedMismatches(rows: readonly StoredEvent[]): string[] {
    const mismatches: string[] = [];
    const ids = new Set(rows.map((r) => r.id));
    for (const row of rows) {
      const planned = acknowledged.get(row.id);
      if (!planned) {
        mismatches.push(`stored but never acknowledged: ${JSON.stringify(row.id)}`);
        continue;
      }
      const want = planned.expected;
      if (!want) continue;
      const got = {
        type: row.type,
        anonymousId: row.anonymousId,
        properties: row.properties,
        ...(want.name !== undefined && { name: row.name }),
        ...(want.customerId !== undefined && { customerId: row.customerId }),
      };
      if (!isDeepStrictEqual(got, want)) mismatches.push(`stored ${JSON.stringify(got)}, sent ${JSON.stringify(want)}`);
    }
    for (const id of acknowledged.keys()) if (!ids.has(id)) mismatches.push(`acknowledged but not stored: ${JSON.stringify(id)}`);
    return mismatches;
  }

  it(
    `answers ${REQUESTS} hostile requests with documented 4xx JSON, never a 5xx, and stores exactly the accepted events`,
    async () => {
      const random = new SeededRandom(SEED);
      const maker = new FuzzCaseMaker(random, { writeKey: site.writeKey, origin: ORIGIN }, idMaker(random, Date.UTC(2026, 0, 1)));
      const warmUp = await round(maker, WARM_UP);
      await sleep(1_000);
      const rssBaseline = collector.rssBytes();
      const rowsBefore = countStoredEvents(db);

      const main = await round(maker, REQUESTS);
      await sleep(3_000);
      const rssAfter = collector.rssBytes();
      const rowsAfter = countStoredEvents(db);
      const health = await sendRequest({ port: collector.port, method: "GET", path: "/healthz" });
      const mismatches = storedMismatches(readStoredEvents(db, site.id));

      const problems = [...warmUp.problems, ...main.problems];
      // One example per family and kind of problem, with how often it happened.
      const kinds = new Map<string, { count: number; example: string }>();
      for (const { family, problem } of problems) {
        const kind = `${family}: ${problem.slice(0, 24)}`;
        const seen = kinds.get(kind) ?? { count: 0, example: `[${family}] ${problem}` };
        seen.count++;
        kinds.set(kind, seen);
      }
      const statuses = [...main.statuses]
        .sort()
        .map(([s, n]) => `${s}:${n}`)
        .join(" ");
      const rssLimit = 1.5 * rssBaseline + 30 * MB + SQLITE_CACHE_BYTES;
      console.log(
        `fuzz test (seed ${SEED}): ${main.requests} hostile requests after ${warmUp.requests} warm-up, statuses ${statuses}, ` +
          `problems ${problems.length}, events accepted ${main.accepted} (rows ${rowsBefore} -> ${rowsAfter}), stored mismatches ${mismatches.length}, ` +
          `RSS ${(rssBaseline / MB).toFixed(1)} MB after warm-up -> ${(rssAfter / MB).toFixed(1)} MB after the run (limit ${(rssLimit / MB).toFixed(1)} MB), ` +
          `RSS by tenths of the run ${main.rssMb.join(" ")} MB, collector running ${collector.isRunning}`,
      );
      if (problems.length > 0)
        console.log(
          `problems, one example of each kind:\n${[...kinds.values()].map(({ count, example }) => `  ${count} x ${example.slice(0, 400)}`).join("\n")}`,
        );
      if (mismatches.length > 0) console.log(`first stored mismatches:\n${mismatches.slice(0, 20).join("\n")}`);

      expect(collector.isRunning).toBe(true);
      expect(health.answered && health.answer.status).toBe(200);
      expect(main.requests).toBe(REQUESTS);
      // At most 20 of each in the failure message; the counts are in the summary line above.
      expect(problems.slice(0, 20)).toEqual([]);
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(rowsAfter - rowsBefore).toBe(main.accepted);
      expect(rowsAfter).toBe(acceptedTotal);
      expect(rssAfter).toBeLessThan(rssLimit);
    },
    Math.max(120_000, REQUESTS * 25),
  );

  it("answers a body that trickles in slower than the read timeout with 408 JSON, and stores none of it", async () => {
    const plan = new EventFactory(new SeededRandom(SEED + 1), idMaker(new SeededRandom(SEED + 2), Date.UTC(2026, 0, 2))).valid();
    const body = serialize({ writeKey: site.writeKey, sentAt: new Date().toISOString(), events: [plan.value] });
    const chunks = Array.from({ length: Math.ceil(body.length / 16) }, (_, i) => body.subarray(i * 16, i * 16 + 16));
    const rowsBefore = countStoredEvents(db);
    // Each piece comes well within the timeout; the body as a whole takes many times longer.
    const outcome = await sendRequest({
      port: collector.port,
      method: "POST",
      path: "/v1/batch",
      headers: { "content-type": "application/json", "content-length": body.length, "user-agent": BROWSER_USER_AGENT },
      chunks,
      chunkDelayMs: BODY_TIMEOUT_MS / 5,
      timeoutMs: 60_000,
    });
    const sentFor = (chunks.length * BODY_TIMEOUT_MS) / 5;
    console.log(
      `trickle test: ${body.length} bytes in ${chunks.length} pieces over ${sentFor} ms against a ${BODY_TIMEOUT_MS} ms body timeout: ${outcome.answered ? outcome.answer.status : outcome.error}`,
    );

    expect(sentFor).toBeGreaterThan(3 * BODY_TIMEOUT_MS);
    expect(outcome.answered && outcome.answer.status).toBe(408);
    expect(outcome.answered && outcome.answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(outcome.answered && (answerJson(outcome.answer) as { error?: { code?: unknown } }).error?.code).toEqual(expect.any(String));
    expect(countStoredEvents(db)).toBe(rowsBefore);
    expect(collector.isRunning).toBe(true);
  });
});
