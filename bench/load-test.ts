import autocannon, { type Request, type Result } from "autocannon";
import { percentile } from "./percentile.js";

export interface LoadRun {
  /** Full URL, path included. */
  url: string;
  method: "GET" | "POST";
  connections: number;
  seconds: number;
  /** Requests per second over all connections; as fast as they go when absent. */
  requestsPerSecond?: number;
  /** Makes every request's body and headers afresh; without it every request is the same. */
  nextRequest?: () => { body: string; headers: Record<string, string> };
  /** Sees every answer, e.g. to add up what the collector says it accepted. */
  onAnswer?: (status: number, body: string) => void;
}

/** What one load run measured. Latencies are exact (from every response), not histogram buckets. */
export interface LoadFigures {
  seconds: number;
  /** 2xx answers per second over the run. */
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Requests written to a socket, answered or not. */
  sent: number;
  answered2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * One autocannon run in this process (workers: 0). The generator's response events carry each
 * request's latency with sub-millisecond precision, which autocannon's own histogram rounds to
 * whole milliseconds, and they only reach us in this process.
 */
export function runLoad(run: LoadRun): Promise<LoadFigures> {
  const latencies: number[] = [];
  const request: Request = { method: run.method };
  if (run.nextRequest !== undefined) {
    const next = run.nextRequest;
    request.setupRequest = (params) => {
      const { body, headers } = next();
      return { ...params, body, headers: { ...params.headers, ...headers } };
    };
  }
  if (run.onAnswer !== undefined) {
    const onAnswer = run.onAnswer;
    request.onResponse = (status, body) => onAnswer(status, body);
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.url,
        connections: run.connections,
        duration: run.seconds,
        requests: [request],
        ...(run.requestsPerSecond === undefined ? {} : { overallRate: run.requestsPerSecond }),
      },
      (error, result) => (error === null ? resolve(loadFigures(result, latencies)) : reject(error)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

function loadFigures(result: Result, latencies: number[]): LoadFigures {
  const answered2xx = result["2xx"];
  const measured = latencies.length > 0;
  return {
    seconds: result.duration,
    requestsPerSecond: answered2xx / result.duration,
    latencyP50Ms: measured ? percentile(latencies, 50) : Number.NaN,
    latencyP99Ms: measured ? percentile(latencies, 99) : Number.NaN,
    latencyMaxMs: measured ? latencies.reduce((a, b) => Math.max(a, b)) : Number.NaN,
    sent: result.requests.sent,
    answered2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}
