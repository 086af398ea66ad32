import type { AttributionComparisonResponse } from "../api-types.js";
import { h } from "../dom.js";
import { formatChange, formatCount, formatMoney, formatShare, singleCurrency } from "../format.js";
import { previousConversions } from "./previous-conversions.js";
import { dataTable, emptyState } from "./data-table.js";

/**
 * Each key's credit under every model asked, side by side: conversions and share per model, and
 * with the previous period each model's change in conversions (from 0 for a key it lacked). The
 * total value is in the priced keys' currency, else the site's.
 */
export function renderAttributionComparison(
  response: AttributionComparisonResponse,
  labelOf: (model: string) => string,
  siteCurrency: string | null = null,
  previous: AttributionComparisonResponse | null = null,
): HTMLElement {
  const conversionsBefore = (key: string, model: string) =>
    previous?.credits.find((credit) => credit.key === key)?.models[model]?.conversions ?? 0;
  const currency = singleCurrency(response.credits.map((credit) => credit.currency)) ?? siteCurrency;
  const summary = h(
    "p",
    { class: "summary" },
    h("strong", {}, formatCount(response.totalConversions)),
    ` conversions (${response.conversion}) worth `,
    h("strong", {}, formatMoney(response.totalValue, currency)),
    ` · ${response.models.map(labelOf).join(" vs. ")} by ${response.groupBy} · ${formatCount(response.lookbackDays)}-day lookback`,
    previousConversions(response.totalConversions, previous),
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
          ...(previous
            ? [{ label: `${labelOf(model)}: change`, numeric: true, definition: "Change in conversions from the previous period." }]
            : []),
          { label: `${labelOf(model)}: share`, numeric: true },
        ]),
      ],
      response.credits.map((credit) => [
        credit.key,
        ...response.models.flatMap((model) => {
          const modelCredit = credit.models[model];
          const change = previous ? [modelCredit ? formatChange(modelCredit.conversions, conversionsBefore(credit.key, model)) : "–"] : [];
          return modelCredit ? [formatCount(modelCredit.conversions), ...change, formatShare(modelCredit.share)] : ["–", ...change, "–"];
        }),
      ]),
    ),
  );
}
