/**
 * The query API's JSON: the engine's results as the collector sends them (issues 4 and 5). They
 * are imported as types only, so no engine code reaches the browser bundle and a change of shape
 * in the engine breaks this package's typecheck instead of the page. Every string in them may come
 * from an event and is attacker-controlled text.
 */
import type {
  AttributionComparison,
  AttributionResult,
  AttributionWithSpend,
  CustomerSummary,
  CustomerValueResult,
  FunnelResult,
  FunnelStage,
  GroupedFunnelResult,
  JourneyJson,
  MomentsOfTruthResult,
  PathReportResult,
} from "@touchpoint/journeys";

export type { CustomerSummary, FunnelStage };
/** A journey as the API writes it: times as ISO-8601 strings. */
export type Journey = JourneyJson;
export type FunnelResponse = FunnelResult;
export type GroupedFunnelResponse = GroupedFunnelResult;
export type FunnelGroup = GroupedFunnelResult["groups"][number];
/** Plain credits, or with cost, ROAS and CAC once spend is recorded. */
export type AttributionResponse = AttributionResult | AttributionWithSpend;
export type AttributionCredit = AttributionResponse["credits"][number];
export type MomentsOfTruthResponse = MomentsOfTruthResult;
/** Several models at once: each key's credit under every model asked. */
export type AttributionComparisonResponse = AttributionComparison;
export type CustomerValueResponse = CustomerValueResult;
export type CustomerValueRow = CustomerValueResult["total"];
export type PathsResponse = PathReportResult;
export type JourneyTouchpoint = Journey["touchpoints"][number];
export type Properties = Journey["traits"];

export interface CustomersResponse {
  customers: CustomerSummary[];
  nextCursor: string | null;
}

/** The body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** GET /v1/site: the site the read key opens. */
/** A site as GET /v1/admin/sites lists it (the dashboard shows no key of it). */
export interface AdminSite {
  id: string;
  name: string;
  createdAt: string;
}

export interface SiteInfo {
  id: string;
  name: string;
  createdAt: string;
  /** The currency of the site's spend when all of it shares one. */
  currency: string | null;
  /** The stage models the reports can be read through: the site's own ("site") first. */
  stageModels: StageModelInfo[];
}

export interface StageModelInfo {
  name: string;
  stages: string[];
  conversions: string[];
}

export interface DeliveryCounts {
  pending: number;
  delivered: number;
  failed: number;
}

/** One rule of GET /v1/rule-activity (secret key). */
export interface RuleActivity {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  runs: { waiting: number; done: number; cancelled: number };
  branches: { branch: string; runs: number; deliveries: DeliveryCounts }[];
  deliveries: DeliveryCounts;
}

/** One run of GET /v1/rules/:id/runs (secret key), as far as the journey shows it. */
export interface RuleRun {
  id: string;
  ruleVersion: number;
  customerId: string | null;
  trigger: { eventId: string; name: string; timestamp: string };
  state: "waiting" | "done" | "cancelled";
  dueAt: string | null;
  branches: string[];
  deliveries: { id: string; url: string; branch: string; status: keyof DeliveryCounts; attempts: number; lastError: string | null }[];
  createdAt: string;
}

/** One row of GET /v1/spend (secret key). */
export interface StoredSpend {
  id: string;
  groupBy: "channel" | "campaign";
  key: string;
  from: string;
  to: string;
  amount: number;
  currency: string;
  createdAt: string;
}
