/**
 * How long journey upkeep takes to catch up after a load: from the call until a report's asOf
 * reaches it (reports answer from digests and say through when they reflect the events).
 */
import { httpGet } from "./http-get.js";

const POLL_MS = 100;

/** Milliseconds until GET `url` answers with asOf at or after the call; throws on a non-200 or after timeoutMs. */
export async function timeUpkeepCatchUp(url: string, readKey: string, timeoutMs = 30 * 60_000): Promise<number> {
  const since = Date.now();
  const started = performance.now();
  for (;;) {
    const { status, body } = await httpGet(url, { authorization: `Bearer ${readKey}` });
    if (status !== 200) throw new Error(`GET ${url}: ${status} ${body.slice(0, 500)}`);
    const { asOf } = JSON.parse(body) as { asOf?: string };
    if (asOf === undefined) throw new Error(`GET ${url}: the answer has no asOf`);
    if (Date.parse(asOf) >= since) return performance.now() - started;
    if (performance.now() - started > timeoutMs)
      throw new Error(`GET ${url}: asOf ${asOf} still before ${new Date(since).toISOString()} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
