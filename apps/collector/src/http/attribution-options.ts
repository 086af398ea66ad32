/** The attribution options /v1/attribution, /v1/attribution/rows and /v1/paths read from their query alike. */
import { parsePathTransform, type AttributionGroupBy, type Instant } from "@touchpoint/journeys";

export interface AttributionQuery {
  conversion?: string;
  groupBy?: AttributionGroupBy;
  from?: Instant;
  to?: Instant;
  lookbackDays?: number;
  halfLifeDays?: number;
  transform?: string[];
}

export function attributionOptionsOf(query: AttributionQuery) {
  return {
    conversion: query.conversion,
    groupBy: query.groupBy,
    from: query.from,
    to: query.to,
    lookbackDays: query.lookbackDays,
    halfLifeDays: query.halfLifeDays,
    transforms: query.transform?.map(parsePathTransform),
  };
}
