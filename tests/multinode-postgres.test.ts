import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from "../apps/collector/src/testing/throwaway-postgres.js";
import { caughtUpReport, readApi, type AsOf } from "./support/demo-read-api.js";
import { BROWSER_USER_AGENT } from "./support/process-events.js";
import { CollectorProcess, createSite, freePort, type SiteKeys, requireBuiltCollector } from "./support/process-collector.js";
import { SeededRandom, uuidv7 } from "./support/process-random.js";

/**
 * Scale-out, end to end: three built collector processes on one PostgreSQL, started at the same
 * moment (so their migrations race), behind no load balancer: senders pick nodes at random and
 * deliver overlapping batches, the same batch often to two nodes at once. Every event must be
 * stored once, the answers must add up to what is stored, identity links must come out the same
 * as on one node, and every node must answer the same journeys.
 */
const SEED = Number(process.env.TOUCHPOINT_MULTINODE_SEED ?? 20261124);
const NODES = 3;
const SENDERS = 4;
const BATCHES_PER_SENDER = 30;
const EVENTS_PER_BATCH = 25;
const VISITORS = 12;
const HOUR = 3_600_000;

interface Answer {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

describe.skipIf(!findPostgresBin())("several collectors on one PostgreSQL (skipped only where the postgresql package is missing)", () => {
  let server: ThrowawayPostgres;
  let url: string;
  let site: SiteKeys;
  let nodes: CollectorProcess[] = [];
  let accepted = 0;
  const sentIds = new Set<string>();

  beforeAll(async () => {
    requireBuiltCollector();
    server = await startThrowawayPostgres();
    url = await server.createDatabase("multinode");
    const ports = await Promise.all(Array.from({ length: NODES }, () => freePort()));
    nodes = await Promise.all(ports.map((port) => CollectorProcess.start({ db: url, port })));
    site = await createSite(url, "multinode");
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await server?.stop();
  });

  /** Posts a batch to one node, retrying (as the SDK does) while the node asks to slow down. */
  async function post(node: CollectorProcess, events: readonly object[]): Promise<Answer> {
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${node.port}/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": BROWSER_USER_AGENT },
        body: JSON.stringify({ writeKey: site.writeKey, sentAt: new Date().toISOString(), events }),
      });
      if (response.status === 429 || response.status === 503) {
        await new Promise((r) => setTimeout(r, Number(response.headers.get("retry-after") ?? 1) * 1_000));
        continue;
      }
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Answer;
      expect(answer.rejected).toEqual([]);
      accepted += answer.accepted;
      return answer;
    }
  }

  async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  it("starts every node at once on an empty database without a site of its own making", async () => {
    expect(await query("SELECT id, name FROM sites")).toEqual([{ id: site.id, name: "multinode" }]);
  });

  it("stores every event once when overlapping batches reach different nodes at once", async () => {
    const base = Date.now() - HOUR;
    const senders = Array.from({ length: SENDERS }, async (_, s) => {
      const random = new SeededRandom(SEED + s);
      const sent: object[][] = [];
      for (let b = 0; b < BATCHES_PER_SENDER; b++) {
        const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, e) => {
          const id = uuidv7(base + b * 1_000 + e, random);
          sentIds.add(id);
          const anonymousId = `visitor-${s}-${random.int(0, 9)}`;
          return {
            id,
            type: "touchpoint",
            name: "catalog_view",
            anonymousId,
            timestamp: new Date(base + b * 1_000 + e).toISOString(),
            properties: { sender: s, batch: b },
          };
        });
        // Overlap: some batches carry events of the sender's earlier batches again.
        const earlier =
          sent.length > 0 && random.chance(0.3) ? (random.pick(sent).slice(0, random.int(1, EVENTS_PER_BATCH)) as object[]) : [];
        const events = [...batch, ...earlier];
        sent.push(batch);
        const first = random.pick(nodes);
        // Duplicates across nodes: the same batch to two nodes at the same moment.
        const targets = random.chance(0.4) ? [first, random.pick(nodes.filter((n) => n !== first))] : [first];
        await Promise.all(targets.map((node) => post(node, events)));
      }
    });
    await Promise.all(senders);

    const [stored] = await query<{ n: string; distinct_ids: string }>(
      "SELECT count(*) AS n, count(DISTINCT id) AS distinct_ids FROM events WHERE site_id = $1",
      [site.id],
    );
    console.log(
      `multinode: ${NODES} nodes, ${sentIds.size} distinct events sent, ${accepted} accepted in all answers, ${stored?.n} rows stored`,
    );
    expect(Number(stored?.n)).toBe(sentIds.size);
    expect(Number(stored?.distinct_ids)).toBe(sentIds.size);
    expect(accepted).toBe(sentIds.size);
  });

  it("links a visitor identified on two nodes at once to the earlier identify, on every node", async () => {
    const random = new SeededRandom(SEED * 7);
    const base = Date.now() - 2 * HOUR;
    const stored = new Map<string, string[]>();
    const touchpoints = new Map<string, string[]>();
    await Promise.all(
      Array.from({ length: VISITORS }, async (_, v) => {
        const anonymousId = `shared-device-${v}`;
        const visit = (n: number) => ({
          id: uuidv7(base + n, random),
          type: "touchpoint",
          name: "review_read",
          anonymousId,
          timestamp: new Date(base + n * 60_000).toISOString(),
        });
        const identify = (customerId: string, at: number) => ({
          id: uuidv7(base + at, random),
          type: "identify",
          anonymousId,
          customerId,
          timestamp: new Date(base + at).toISOString(),
        });
        const visits = [visit(1), visit(2), visit(3)];
        const early = identify(`early-${v}`, 10 * 60_000);
        const late = identify(`late-${v}`, HOUR);
        stored.set(`c:early-${v}`, [...visits.map((e) => e.id), early.id].sort());
        stored.set(`c:late-${v}`, [late.id]);
        // Identify events are never touchpoints.
        touchpoints.set(
          `early-${v}`,
          visits.map((e) => e.id),
        );
        touchpoints.set(`late-${v}`, []);
        const node = (i: number) => nodes[i % NODES] as CollectorProcess;
        const [a, b, c] = [node(v), node(v + 1), node(v + 2)];
        // Which identify goes first alternates; the visits race both, and arrive twice.
        const identifies = v % 2 === 0 ? [post(b, [late]), post(c, [early])] : [post(c, [early]), post(b, [late])];
        await Promise.all([...identifies, post(a, visits.slice(0, 2)), post(b, visits.slice(1))]);
      }),
    );

    const links = await query<{ anonymous_id: string; customer_id: string }>(
      "SELECT anonymous_id, customer_id FROM identity_links WHERE site_id = $1 ORDER BY anonymous_id",
      [site.id],
    );
    expect(links).toEqual(
      Array.from({ length: VISITORS }, (_, v) => ({ anonymous_id: `shared-device-${v}`, customer_id: `early-${v}` })).sort((x, y) =>
        x.anonymous_id < y.anonymous_id ? -1 : 1,
      ),
    );
    const byPerson = await query<{ person_key: string; ids: string[] }>(
      "SELECT person_key, array_agg(id ORDER BY id) AS ids FROM events WHERE site_id = $1 AND person_key LIKE 'c:%' GROUP BY person_key",
      [site.id],
    );
    expect(new Map(byPerson.map((r) => [r.person_key, r.ids]))).toEqual(stored);

    for (const [customerId, ids] of touchpoints) {
      const answers = await Promise.all(
        nodes.map(async (node) => {
          const response = await fetch(`http://127.0.0.1:${node.port}/v1/journeys/${encodeURIComponent(customerId)}`, {
            headers: { authorization: `Bearer ${site.readKey}` },
          });
          expect(response.status).toBe(200);
          return (await response.json()) as { customerId: string; touchpoints: { id: string }[] };
        }),
      );
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]?.customerId).toBe(customerId);
      expect(answers[0]?.touchpoints.map((t) => t.id)).toEqual(ids);
    }
  });

  it("keeps journey digests in PostgreSQL for every node: once upkeep caught up, each answers every customer the events hold", async () => {
    const since = Date.now();
    const answers = await Promise.all(
      nodes.map((node) =>
        caughtUpReport<{ customers: { customerId: string }[]; nextCursor: string | null } & AsOf>(
          readApi(`http://127.0.0.1:${node.port}`, site.readKey),
          "/v1/customers?limit=1000",
          since,
        ),
      ),
    );
    const customers = await query<{ id: string }>(
      `SELECT DISTINCT substr(person_key, 3) COLLATE "C" AS id FROM events WHERE site_id = $1 AND person_key LIKE 'c:%' ORDER BY 1`,
      [site.id],
    );
    expect(customers).toHaveLength(2 * VISITORS);
    for (const answer of answers) expect(answer.customers.map((c) => c.customerId)).toEqual(customers.map((c) => c.id));
    const [counts] = await query<{ persons: string; digests: string; queued: string }>(
      `SELECT (SELECT count(DISTINCT person_key) FROM events WHERE site_id = $1) AS persons,
        (SELECT count(*) FROM journey_digests WHERE site_id = $1) AS digests,
        (SELECT count(*) FROM journey_changed_persons WHERE site_id = $1) AS queued`,
      [site.id],
    );
    expect(counts).toEqual({ persons: counts?.persons, digests: counts?.persons, queued: "0" });
  });

  it("stops every node cleanly", async () => {
    const exits = await Promise.all(nodes.map((node) => node.stop()));
    expect(exits).toEqual(Array.from({ length: NODES }, () => ({ code: 0, signal: null })));
  });
});
