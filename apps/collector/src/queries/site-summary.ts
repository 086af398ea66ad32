/** GET /v1/site: which site a key opens, the currency its money is recorded in, and its stage models. */
import { isoTime } from "@touchpoint/journeys";
import type { Site, SpendLedger } from "../store/store.js";
import { stageModelListing } from "./stage-model-view.js";

export async function siteSummary(store: Pick<SpendLedger, "listSpend">, site: Site) {
  const currencies = new Set((await store.listSpend(site.id)).map((row) => row.currency));
  const [only] = currencies;
  return {
    id: site.id,
    name: site.name,
    createdAt: isoTime(site.createdAt),
    currency: currencies.size === 1 && only !== undefined ? only : null,
    stageModels: stageModelListing(site),
  };
}
