import { percentile } from "./percentile.js";

export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * Times `runs` sequential GETs with the read key, from request to last byte, after one untimed
 * request that warms caches and the JIT. Any answer but 200 ends the measurement with an error:
 * the time of an error says nothing about the query.
 */
export async function timeQuery(url: string, readKey: string, runs: number): Promise<{ timing: Timing; lastBody: unknown }> {
  const get = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${readKey}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 500)}`);
    return body;
  };
  let lastBody = await get();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    lastBody = await get();
    times.push(performance.now() - started);
  }
  return {
    timing: { runs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100) },
    lastBody: JSON.parse(lastBody) as unknown,
  };
}
