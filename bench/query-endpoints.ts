/** The query API paths the benchmark times, as the collector's OpenAPI description names them. */
export const QUERY_PATHS = {
  journey: "/v1/journeys/{customerId}",
  customers: "/v1/customers",
  funnel: "/v1/funnel",
  attribution: "/v1/attribution",
  attributionRows: "/v1/attribution/rows",
  paths: "/v1/paths",
  customerValue: "/v1/customer-value",
} as const;

export type QueryEndpoint = keyof typeof QUERY_PATHS;

/**
 * Which query endpoints the running collector serves, read from its `GET /openapi.json` (every
 * endpoint joins that description, issue 2). A collector without the description serves none.
 */
export async function availableQueryEndpoints(collectorUrl: string): Promise<Set<QueryEndpoint>> {
  const response = await fetch(`${collectorUrl}/openapi.json`);
  if (!response.ok) {
    await response.arrayBuffer();
    return new Set();
  }
  const description = (await response.json()) as { paths?: Record<string, unknown> };
  const paths = description.paths ?? {};
  const served = Object.entries(QUERY_PATHS).filter(([, path]) => path in paths);
  return new Set(served.map(([endpoint]) => endpoint as QueryEndpoint));
}
