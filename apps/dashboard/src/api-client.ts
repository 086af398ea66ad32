import type {
  AdminSite,
  ApiErrorBody,
  AttributionComparisonResponse,
  AttributionResponse,
  CustomerValueResponse,
  CustomersResponse,
  FunnelResponse,
  GroupedFunnelResponse,
  Journey,
  MomentsOfTruthResponse,
  PathsResponse,
  RuleActivity,
  RuleRun,
  SiteInfo,
  StoredSpend,
} from "./api-types.js";

/** An answer other than 2xx, with the API's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The read key is missing, wrong or not a read key. */
  get isKeyRefused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export type QueryParams = Record<string, string | number | undefined>;

/** The filters every report takes (segment.ts): channel=a,b, campaign=x, deviceType=x, trait.KEY=VALUE, and the stage model. */
export interface SegmentQuery {
  channel?: string;
  campaign?: string;
  deviceType?: string;
  stageModel?: string;
  [trait: `trait.${string}`]: string;
}

export interface FunnelQuery extends SegmentQuery {
  from?: string;
  to?: string;
  /** e.g. trait.persona */
  groupBy?: string;
}

export interface AttributionQuery extends SegmentQuery {
  model: string;
  conversion: string;
  groupBy: string;
  from?: string;
  to?: string;
  lookbackDays?: number;
  halfLifeDays?: number;
  transform?: string;
}

export interface CustomersQuery extends SegmentQuery {
  /** "false": anonymous visitors instead of identified customers. */
  identified?: "true" | "false" | string;
  stage?: string;
  stalledDays?: number;
  /** Trait filters, sent as trait.KEY=VALUE. */
  traits?: Record<string, string>;
  limit?: number;
  cursor?: string;
}

export interface PathsQuery extends SegmentQuery {
  conversion: string;
  groupBy: string;
  /** "exposure" collapses repeats of the same step. */
  transform?: string;
  from?: string;
  to?: string;
  lookbackDays?: number;
  limit?: number;
}

export interface ApiClient {
  funnel(query: FunnelQuery): Promise<FunnelResponse | GroupedFunnelResponse>;
  attribution(query: AttributionQuery): Promise<AttributionResponse>;
  /** `models` (two or more) in one call: each key's credit under every model. */
  attributionComparison(query: Omit<AttributionQuery, "model"> & { models: string[] }): Promise<AttributionComparisonResponse>;
  customerValue(query: SegmentQuery & { groupBy: string; from?: string; to?: string }): Promise<CustomerValueResponse>;
  paths(query: PathsQuery): Promise<PathsResponse>;
  momentsOfTruth(query: SegmentQuery & { stage: string; withinDays: number; from?: string; to?: string }): Promise<MomentsOfTruthResponse>;
  customers(query: CustomersQuery): Promise<CustomersResponse>;
  /** `stageModel`: "" or undefined for the site's own. */
  journey(customerId: string, stageModel?: string): Promise<Journey>;
  journeyOfAnonymousId(anonymousId: string, stageModel?: string): Promise<Journey>;
  site(): Promise<SiteInfo>;
}

/** Empty and undefined parameters are left out, so the API applies its defaults. */
export function queryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.message === "string")
      return new ApiError(response.status, String(body.error.code), body.error.message);
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(response.status, "http_error", `${response.status} ${response.statusText}`.trim());
}

const browserFetch: typeof fetch = (input, init) => fetch(input, init);

/** A GET on this origin with `key` as bearer (and any other headers); the answer's JSON, or an ApiError. */
function getter(key: string, fetchJson: typeof fetch, headers: Record<string, string> = {}) {
  return async <T>(path: string, params: QueryParams = {}): Promise<T> => {
    const response = await fetchJson(`${path}${queryString(params)}`, {
      headers: { Authorization: `Bearer ${key}`, Accept: "application/json", ...headers },
      credentials: "omit",
    });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  };
}

/**
 * The query API on this origin (the collector serves the dashboard), with the read key as bearer;
 * or with the admin token, reading the site `siteId` names (the Touchpoint-Site header).
 */
export function createApiClient(readKey: string, fetchJson: typeof fetch = browserFetch, siteId?: string): ApiClient {
  const get = getter(readKey, fetchJson, siteId === undefined ? {} : { "Touchpoint-Site": siteId });

  return {
    funnel: (query) => get("/v1/funnel", { ...query }),
    attribution: (query) => get("/v1/attribution", { ...query }),
    attributionComparison: ({ models, ...query }) => get("/v1/attribution", { model: models.join(","), ...query }),
    customerValue: (query) => get("/v1/customer-value", { ...query }),
    paths: (query) => get("/v1/paths", { ...query }),
    momentsOfTruth: (query) => get("/v1/moments-of-truth", { ...query }),
    customers: ({ traits = {}, ...query }) =>
      get("/v1/customers", { ...query, ...Object.fromEntries(Object.entries(traits).map(([key, value]) => [`trait.${key}`, value])) }),
    journey: (customerId, stageModel) => get(`/v1/journeys/${encodeURIComponent(customerId)}`, { stageModel }),
    journeyOfAnonymousId: (anonymousId, stageModel) => get("/v1/journeys", { anonymousId, stageModel }),
    site: () => get("/v1/site"),
  };
}

/** Every site of the collector, as the admin token lists them (GET /v1/admin/sites). */
export function listSites(adminToken: string, fetchJson: typeof fetch = browserFetch): Promise<AdminSite[]> {
  return getter(adminToken, fetchJson)<AdminSite[]>("/v1/admin/sites");
}

/** What only the site's secret key reads: automation rules and their runs, recorded spend. */
export interface SecretApiClient {
  ruleActivity(): Promise<RuleActivity[]>;
  /** The rules' ids and names (GET /v1/rules, without counting their runs). */
  rules(): Promise<{ id: string; name: string }[]>;
  runs(ruleId: string, customerId: string): Promise<RuleRun[]>;
  spend(): Promise<StoredSpend[]>;
}

export function createSecretApiClient(secretKey: string, fetchJson: typeof fetch = browserFetch): SecretApiClient {
  const get = getter(secretKey, fetchJson);
  return {
    ruleActivity: async () => (await get<{ rules: RuleActivity[] }>("/v1/rule-activity")).rules,
    rules: async () => (await get<{ rules: { id: string; name: string }[] }>("/v1/rules")).rules.map(({ id, name }) => ({ id, name })),
    runs: async (ruleId, customerId) =>
      (await get<{ runs: RuleRun[] }>(`/v1/rules/${encodeURIComponent(ruleId)}/runs`, { customerId, limit: 1000 })).runs,
    spend: async () => (await get<{ spend: StoredSpend[] }>("/v1/spend")).spend,
  };
}

/** One row of spend, as POST /v1/spend takes it. */
export interface SpendRow {
  groupBy: "channel" | "campaign";
  key: string;
  /** First and last day, YYYY-MM-DD (UTC, both included). */
  from: string;
  to: string;
  amount: number;
  currency: string;
}

/**
 * Records spend with the site's secret key. The key is only passed through: the dashboard never
 * stores it (the read key it keeps cannot write).
 */
export async function recordSpend(secretKey: string, row: SpendRow, fetchJson: typeof fetch = browserFetch): Promise<void> {
  const response = await fetchJson("/v1/spend", {
    method: "POST",
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(row),
    credentials: "omit",
  });
  if (!response.ok) throw await errorOf(response);
}
