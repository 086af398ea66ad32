/** What every report read from journey digests carries. */
export interface AsOf {
  asOf: string;
}

/** GETs from the query API with the read key, failing on any non-2xx. */
export function readApi(collectorUrl: string, readKey: string) {
  return async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${collectorUrl}${path}`, { headers: { authorization: `Bearer ${readKey}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/**
 * A report once journey upkeep has caught up with every commit before `since`: reports answer
 * from digests and say through when they reflect the events (`asOf`), so a client that wants its
 * own last commit in the answer asks again until asOf reaches it.
 */
export async function caughtUpReport<T extends { asOf: string }>(
  get: <R>(path: string) => Promise<R>,
  path: string,
  since = Date.now(),
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await get<T>(path);
    if (Date.parse(report.asOf) >= since) return report;
    if (Date.now() > deadline)
      throw new Error(`GET ${path}: asOf ${report.asOf} still before ${new Date(since).toISOString()} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
