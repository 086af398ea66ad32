/**
 * GET /v1/customers: known customers in customer-id order (byte order), or with identified=false
 * anonymous visitors in anonymous-id order, one page at a time, filtered by current stage (as of
 * now), time stalled there and traits. People stream from the store one at a time, so a page never
 * loads the table; the cursor is the last id of the page.
 */
import { InvalidOptionError, isStalled, summarizeCustomer, type CustomerSummary, type PersonSegment } from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { segmentSummariesAsOf } from "./segment-journeys.js";
import { stageModelOf, type AsOf } from "./site-journeys.js";

export interface CustomersQuery {
  /** true: known customers; false: anonymous visitors nobody identified yet. */
  identified: boolean;
  /** Only customers whose current stage is this one. */
  stage?: string;
  /** Only customers in their current stage for more than this many days. */
  stalledDays?: number;
  /** Only people in this segment (traits, channels, campaigns). */
  segment: PersonSegment;
  limit: number;
  /** nextCursor of the previous page. */
  cursor?: string;
  /** When current stages and stalledDays are judged: stage entries dated later are ignored. */
  now: number;
}

export interface CustomersPage extends AsOf {
  customers: CustomerSummary[];
  /** Pass as `cursor` for the next page; null when there is none. */
  nextCursor: string | null;
}

export const encodeCursor = (customerId: string) => Buffer.from(customerId, "utf8").toString("base64url");

/** The customer id in a cursor; an InvalidOptionError for text that is not a cursor of ours. */
export function decodeCursor(cursor: string): string {
  const customerId = Buffer.from(cursor, "base64url").toString("utf8");
  if (customerId.length === 0 || encodeCursor(customerId) !== cursor)
    throw new InvalidOptionError("cursor", "is not a cursor this API gave out");
  return customerId;
}

const idOf = (summary: CustomerSummary) => (summary.customerId ?? summary.anonymousId) as string;

export async function customersPage(store: JourneyReader, site: Site, query: CustomersQuery): Promise<CustomersPage> {
  const { stages } = stageModelOf(site);
  if (query.stage !== undefined && !stages.includes(query.stage)) {
    throw new InvalidOptionError("stage", `unknown stage ${JSON.stringify(query.stage)}; this site's stages are ${stages.join(", ")}`);
  }
  const prefix = query.identified ? "c:" : "a:";
  const afterPersonKey = query.cursor === undefined ? undefined : `${prefix}${decodeCursor(query.cursor)}`;
  const kind = query.identified ? "customer" : "anonymous";
  const customers: CustomerSummary[] = [];
  const { asOf, journeys } = await segmentSummariesAsOf(store, site, query.segment, { kind, afterPersonKey });
  for await (const journey of journeys) {
    const summary = summarizeCustomer(journey, query.now);
    if (query.stage !== undefined && summary.currentStage !== query.stage) continue;
    if (query.stalledDays !== undefined && !isStalled(summary, query.stalledDays, query.now)) continue;
    // One match beyond the page proves there is a next page.
    if (customers.length === query.limit)
      return { customers, nextCursor: encodeCursor(idOf(customers[customers.length - 1] as CustomerSummary)), asOf };
    customers.push(summary);
  }
  return { customers, nextCursor: null, asOf };
}
