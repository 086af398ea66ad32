import { httpGet } from "./http-get.js";
import { percentile } from "./percentile.js";

export interface Timing {
  /** The untimed first request: it pays for building what later ones reuse. */
  firstMs: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * Times `runs` sequential GETs with the read key, from request to last byte, after one request
 * that warms caches and the JIT (its time is `firstMs`; with no runs it is the only sample). Any answer but 200 ends the measurement with an error:
 * the time of an error says nothing about the query.
 */
export async function timeQuery(url: string, readKey: string, runs: number): Promise<{ timing: Timing; lastBody: string }> {
  const get = async () => {
    const { status, body } = await httpGet(url, { authorization: `Bearer ${readKey}` });
    if (status !== 200) throw new Error(`GET ${url}: ${status} ${body.slice(0, 500)}`);
    return body;
  };
  const firstStarted = performance.now();
  let lastBody = await get();
  const firstMs = performance.now() - firstStarted;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    lastBody = await get();
    times.push(performance.now() - started);
  }
  return {
    timing: { firstMs, runs, ...percentiles(times.length > 0 ? times : [firstMs]) },
    lastBody,
  };
}

function percentiles(times: readonly number[]): Pick<Timing, "p50Ms" | "p95Ms" | "maxMs"> {
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100) };
}

/**
 * The first GET of each url, one after the other: what a request costs when the collector holds
 * nothing made for it, since each url is asked once. firstMs is the first of them.
 */
export async function timeFirstRequests(urls: readonly string[], readKey: string): Promise<Timing> {
  const times: number[] = [];
  for (const url of urls) times.push((await timeQuery(url, readKey, 0)).timing.firstMs);
  if (times.length === 0) throw new Error("timeFirstRequests needs at least one url");
  return { firstMs: times[0] as number, runs: times.length, ...percentiles(times) };
}
