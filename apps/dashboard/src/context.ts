import type { ApiClient, ApiError, SegmentQuery } from "./api-client.js";
import type { SiteInfo } from "./api-types.js";
import type { SecretKey } from "./secret-key.js";

/** The default stage model (DOMAIN.md), shown until the funnel reports the site's own stages. */
export const DEFAULT_STAGES = ["awareness", "consideration", "evaluation", "purchase", "loyalty"] as const;

/** The ordered stage names, shared by every stage selector; the funnel panel keeps it current. */
export interface StageList {
  get(): readonly string[];
  set(stages: readonly string[]): void;
  subscribe(listener: (stages: readonly string[]) => void): void;
}

export function createStageList(initial: readonly string[]): StageList {
  let stages = initial;
  const listeners: ((stages: readonly string[]) => void)[] = [];
  return {
    get: () => stages,
    set(next) {
      if (next.length === 0 || next.join("\n") === stages.join("\n")) return;
      stages = next;
      for (const listener of listeners) listener(stages);
    },
    subscribe: (listener) => void listeners.push(listener),
  };
}

/** What every panel shares. */
export interface DashboardContext {
  api: ApiClient;
  /** The period chosen in the top bar, as ISO times: from inclusive, to exclusive. */
  period(): { from?: string; to?: string };
  /** The equally long period just before, when the top bar compares; else null. */
  previousPeriod(): { from?: string; to?: string } | null;
  /** The filters of the filter bar as the reports' parameters (channel, campaign, deviceType, trait.KEY, stageModel); {} when none. */
  filters(): SegmentQuery;
  /** Whether the filters count only some people (spend is recorded for everyone, so cost stays empty then). */
  filtered(): boolean;
  /** What each panel's result says of the filters and the stage model first, "" when there is nothing to say. */
  filterNote(): string;
  /** Channels or campaigns a report named, offered by the filter bar. */
  offerKeys(kind: "channel" | "campaign", keys: readonly string[]): void;
  stages: StageList;
  /** The site the read key opens, once GET /v1/site answered (null before, or if it failed). */
  site(): SiteInfo | null;
  secretKey: SecretKey;
  openJourney(id: string, kind: "customer" | "anonymous"): void;
  /** Lists the people whose furthest stage is this one now (known customers, or anonymous visitors), in the customer list. */
  showPeopleAt(stage: string, identified: boolean): void;
  keyRefused(error: ApiError): void;
  now(): Date;
  /** The fetch the page uses (a test's double in unit tests). */
  fetch?: typeof fetch;
}
