import type { AttributionComparisonResponse } from "../api-types.js";
import { h } from "../dom.js";
import { formatCount, formatMoney, formatShare, singleCurrency } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/**
 * Each key's credit under every model asked, side by side: conversions and share per model. The
 * total value is in the priced keys' currency, else the site's.
 */
export function renderAttributionComparison(
  response: AttributionComparisonResponse,
  labelOf: (model: string) => string,
  siteCurrency: string | null = null,
): HTMLElement {
  const currency = singleCurrency(response.credits.map((credit) => credit.currency)) ?? siteCurrency;
  const summary = h(
    "p",
    { class: "summary" },
    h("strong", {}, formatCount(response.totalConversions)),
    ` conversions (${response.conversion}) worth `,
    h("strong", {}, formatMoney(response.totalValue, currency)),
    ` · ${response.models.map(labelOf).join(" vs. ")} by ${response.groupBy} · ${formatCount(response.lookbackDays)}-day lookback`,
  );
  if (response.credits.length === 0) return h("div", {}, summary, emptyState("No conversions in this period."));
  return h(
    "div",
    {},
    summary,
    dataTable(
      `Attribution compared: ${response.models.join(" vs ")} by ${response.groupBy}`,
      [
        { label: response.groupBy },
        ...response.models.flatMap((model) => [
          { label: `${labelOf(model)}: conversions`, numeric: true },
          { label: `${labelOf(model)}: share`, numeric: true },
        ]),
      ],
      response.credits.map((credit) => [
        credit.key,
        ...response.models.flatMap((model) => {
          const modelCredit = credit.models[model];
          return modelCredit ? [formatCount(modelCredit.conversions), formatShare(modelCredit.share)] : ["–", "–"];
        }),
      ]),
    ),
  );
}
