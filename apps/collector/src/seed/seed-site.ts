import { DAY_MS } from "@touchpoint/journeys";
import type { RejectedEvent } from "@touchpoint/protocol";
import type { EventIngest } from "../ingest/ingest-batch.js";
import type { Site } from "../store/store.js";
import { CURRENCY } from "./catalog.js";
import { planCustomer, planVisitor, STAGES, type PlanContext, type PlannedPerson, type Stage } from "./customer-journey.js";
import { PERSONAS, type PersonaName } from "./personas.js";
import { SeedIds } from "./seed-ids.js";
import { SeededRandom } from "./seeded-random.js";

/** Anonymous one-visit visitors per customer: most people who land never sign up. */
export const VISITORS_PER_CUSTOMER = 0.3;
/** Rows handed to the ingest path before waiting for their commits: a few group commits' worth. */
const ROWS_IN_FLIGHT = 4_000;

export interface SeedOptions {
  site: Site;
  /** The real ingest path after authentication (validation, enrichment, identity stitching, store). */
  ingestEvents: EventIngest;
  customers: number;
  days: number;
  seed: number;
  /** End of the seeded period (ms since the epoch); journeys spread over the `days` before it. */
  until: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  persons: number;
  totalPersons: number;
  events: number;
}

export interface SeedSummary {
  site: string;
  seed: number;
  customers: number;
  anonymousVisitors: number;
  from: string;
  until: string;
  sessions: number;
  devices: number;
  /** Events sent through ingest, server-side ones included. */
  events: number;
  /** Of those, from server-side sources (call center, store). */
  serverEvents: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  bots: number;
  purchases: number;
  revenue: number;
  currency: string;
  personas: Record<PersonaName, number>;
  /** Customers and visitors by the furthest stage their journey reaches. */
  furthestStage: Record<Stage, number>;
  seconds: number;
  eventsPerSecond: number;
}

export class SeedRejectedError extends Error {
  constructor(readonly rejected: RejectedEvent) {
    super(`the ingest path rejected a seeded event: ${JSON.stringify(rejected)}`);
  }
}

/**
 * Generates `customers` customer journeys (and a share of anonymous visitors) with a seeded
 * generator and sends them through `ingestEvents`, one browser visit or one server-side source's
 * events per call, many calls at once so the group-commit writer packs them into large
 * transactions. The same seed and `until` give the same events, ids included.
 */
export async function seedSite({ site, ingestEvents, customers, days, seed, until, onProgress }: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const from = until - days * DAY_MS;
  const ctx: PlanContext = {
    random: new SeededRandom(seed),
    ids: new SeedIds(until, new SeededRandom(seed ^ 0x5eed5eed)),
    from,
    until,
    tag: (seed >>> 0).toString(36),
  };
  const visitors = Math.round(customers * VISITORS_PER_CUSTOMER);
  const summary: SeedSummary = {
    site: site.id,
    seed,
    customers,
    anonymousVisitors: visitors,
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    sessions: 0,
    devices: 0,
    events: 0,
    serverEvents: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    bots: 0,
    purchases: 0,
    revenue: 0,
    currency: CURRENCY,
    personas: Object.fromEntries(PERSONAS.map((p) => [p.name, 0])) as Record<PersonaName, number>,
    furthestStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    seconds: 0,
    eventsPerSecond: 0,
  };

  let inFlight: ReturnType<EventIngest>[] = [];
  let rowsInFlight = 0;
  const settle = async () => {
    for (const outcome of await Promise.all(inFlight)) {
      if (!outcome.ok) throw new Error(`the store refused seeded events: ${outcome.refusal.reason}`);
      summary.accepted += outcome.counts.accepted;
      summary.duplicates += outcome.counts.duplicates;
      summary.bots += outcome.counts.bots;
      summary.rejected += outcome.counts.rejected.length;
      if (outcome.counts.rejected[0]) throw new SeedRejectedError(outcome.counts.rejected[0]);
    }
    inFlight = [];
    rowsInFlight = 0;
  };
  const send = (person: PlannedPerson) => {
    summary.sessions += person.sessions;
    summary.devices += person.devices;
    summary.events += person.events;
    summary.serverEvents += person.serverEvents;
    summary.purchases += person.purchases;
    summary.revenue += person.revenue;
    summary.furthestStage[person.furthestStage]++;
    if (person.persona) summary.personas[person.persona]++;
    for (const { source, userAgent, events } of person.requests) {
      inFlight.push(ingestEvents({ site, source, events, skewMs: 0, userAgent, receivedAt: Date.now() }));
      rowsInFlight += events.length;
    }
  };

  const totalPersons = customers + visitors;
  let persons = 0;
  let visitorsPlanned = 0;
  for (let n = 1; n <= customers; n++) {
    send(planCustomer(ctx, n));
    persons++;
    // Visitors are spread among the customers, so every part of the run looks alike.
    while (visitorsPlanned < Math.round(n * VISITORS_PER_CUSTOMER) && visitorsPlanned < visitors) {
      send(planVisitor(ctx));
      visitorsPlanned++;
      persons++;
    }
    if (rowsInFlight >= ROWS_IN_FLIGHT) {
      await settle();
      onProgress?.({ persons, totalPersons, events: summary.events });
    }
  }
  await settle();
  onProgress?.({ persons, totalPersons, events: summary.events });

  summary.revenue = Math.round(summary.revenue * 100) / 100;
  summary.seconds = Math.round(performance.now() - started) / 1000;
  summary.eventsPerSecond = summary.seconds > 0 ? Math.round(summary.events / summary.seconds) : summary.events;
  return summary;
}
