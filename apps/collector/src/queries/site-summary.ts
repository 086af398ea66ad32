/** GET /v1/site: which site a key opens, and the currency its money is recorded in. */
import { isoTime } from "@touchpoint/journeys";
import type { Site, SpendLedger } from "../store/store.js";

export async function siteSummary(store: Pick<SpendLedger, "listSpend">, site: Site) {
  const currencies = new Set((await store.listSpend(site.id)).map((row) => row.currency));
  const [only] = currencies;
  return {
    id: site.id,
    name: site.name,
    createdAt: isoTime(site.createdAt),
    currency: currencies.size === 1 && only !== undefined ? only : null,
  };
}
