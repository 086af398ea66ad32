/**
 * GET /v1/customer-value: every journey of the site (a guest checkout makes a customer too)
 * streamed through the engine's customer-value accumulator, priced with the site's spend ledger.
 */
import {
  createCustomerValue,
  DEFAULT_CONVERSION,
  InvalidOptionError,
  type CustomerValueOptions,
  type CustomerValueResult,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site, SpendLedger } from "../store/store.js";
import { segmentDigests, spendOfSegment } from "./segment-journeys.js";
import { digestsAsOf, stageModelOf, type AsOf } from "./site-journeys.js";

/** Invalid options throw InvalidOptionError before any journey is read. */
export async function customerValueReport(
  store: JourneyReader & Pick<SpendLedger, "listSpend">,
  site: Site,
  options: CustomerValueOptions,
  segment: PersonSegment,
): Promise<CustomerValueResult & AsOf> {
  const value = createCustomerValue(options);
  const conversion = options.conversion ?? DEFAULT_CONVERSION;
  const { conversions } = stageModelOf(site);
  if (!conversions.includes(conversion)) {
    throw new InvalidOptionError(
      "conversion",
      `${JSON.stringify(conversion)} is not a conversion event of this site; its stage model lists ${conversions.join(", ")}`,
    );
  }
  const asOf = await digestsAsOf(store, site);
  for await (const journey of segmentDigests(store, site.id, segment)) value.addJourney(journey);
  return { ...value.result(spendOfSegment(segment, await store.listSpend(site.id))), ...asOf };
}
