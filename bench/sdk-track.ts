import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, visitorPage } from "../tests/support/sdk-browser.js";
import { createSite, startCollector } from "./collector-process.js";
import { freePort } from "./free-port.js";
import { percentile } from "./percentile.js";

const SCRIPT = fileURLToPath(new URL("../packages/sdk/dist/touchpoint.js", import.meta.url));

/** Main-thread cost of one track() call, in ms (the queue's storage write runs on its own, at most once a second). */
export interface TrackCost {
  calls: number;
  queued: number;
  callMedianMs: number;
  callP95Ms: number;
}

export interface SdkFigures {
  emptyQueue: TrackCost;
  queued400: TrackCost;
  /** 1,000 track() calls in one task: that task, and the longest task seen then and in the 3 s after (sends, the storage write). */
  burst: { events: number; burstTaskMs: number; longestTaskMs: number };
  /** performance.now() resolution the figures were taken with (cross-origin isolated pages get 5 us). */
  timerResolutionMs: number;
}

/** One call per task; `queued` events wait in the queue (the endpoint refuses connections) before each call, none when 0. */
interface CostRun {
  samples: number;
  queued: number;
}

/**
 * The page the SDK is measured on: served with COOP/COEP so the page is cross-origin isolated
 * (performance.now() to 5 us instead of 100 us), the script tag from the same server.
 */
async function startPage(endpoint: (queued: boolean) => string, writeKey: string) {
  const script = readFileSync(SCRIPT);
  const server = http.createServer((req, res) => {
    const isolation = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cache-Control": "no-store",
    };
    if (req.url === "/touchpoint.js") {
      res.writeHead(200, { ...isolation, "Content-Type": "text/javascript", "Cross-Origin-Resource-Policy": "same-origin" });
      return void res.end(script);
    }
    const queued = req.url === "/queued";
    res.writeHead(200, { ...isolation, "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>SDK bench</title>
      <script src="/touchpoint.js" data-write-key="${writeKey}" data-endpoint="${endpoint(queued)}"></script></head>
      <body><a href="/product/7" data-tp-event="banner_click">Sale</a></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * track() in Chromium against the built collector: its main-thread cost over 1,000 calls, one
 * per task, with an empty queue (the collector acknowledged everything before each call) and with
 * 400 events queued (an unreachable endpoint; the queue is emptied and refilled every 100 calls,
 * so it holds 400 to 499); and the longest task during a burst of 1,000 calls.
 */
export async function benchSdkTrack(calls = 1000): Promise<SdkFigures> {
  const dir = mkdtempSync(join(tmpdir(), "tp-bench-sdk-"));
  const dbPath = join(dir, "touchpoint.db");
  const site = await createSite(dbPath, "SDK bench");
  const collector = await startCollector({ dbPath });
  const closedPort = await freePort();
  const page = await startPage((queued) => (queued ? `http://127.0.0.1:${closedPort}` : collector.url), site.writeKey);
  const browser = await launchChromium();
  const open = async (path: string) => {
    const tab = await visitorPage(browser);
    // tsx keeps function names with a __name helper that the page does not have.
    await tab.addInitScript("globalThis.__name = (fn) => fn");
    await tab.goto(page.origin + path);
    await tab.waitForFunction(() => "touchpoint" in window && !("q" in (window as unknown as { touchpoint: object }).touchpoint));
    return tab;
  };
  try {
    const cost = async (path: string, run: CostRun): Promise<TrackCost> => {
      const tab = await open(path);
      const call = await tab.evaluate(async ({ samples, queued }) => {
        type Touchpoint = { track(name: string, properties: object): void; flush(): Promise<void>; consent(state: string): void };
        const touchpoint = (window as unknown as { touchpoint: Touchpoint }).touchpoint;
        const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
        const call: number[] = [];
        for (let i = 0; i < samples; i++) {
          if (queued === 0) await touchpoint.flush();
          else if (i % 100 === 0) {
            // Denied drops the queue; granted starts again with `queued` events waiting.
            touchpoint.consent("denied");
            touchpoint.consent("granted");
            for (let k = 0; k < queued; k++) touchpoint.track("queued_before", { k, list: "boots", position: 3 });
          }
          await nextTask();
          const start = performance.now();
          touchpoint.track("catalog_view", { i, list: "boots", position: 3 });
          call.push(performance.now() - start);
        }
        return call;
      }, run);
      await tab.context().close();
      return {
        calls: call.length,
        queued: run.queued,
        callMedianMs: percentile(call, 50),
        callP95Ms: percentile(call, 95),
      };
    };
    const emptyQueue = await cost("/", { samples: calls, queued: 0 });
    const queued400 = await cost("/queued", { samples: calls, queued: 400 });

    const tab = await open("/");
    const { burst, timerResolutionMs } = await tab.evaluate(async (events) => {
      const touchpoint = (window as unknown as { touchpoint: { track(name: string, properties: object): void } }).touchpoint;
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
      });
      observer.observe({ type: "longtask" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      let end = 0;
      const start = performance.now();
      for (let i = 0; i < events; i++) touchpoint.track("burst", { i, list: "boots", position: 3 });
      // Runs after every microtask the calls queued: the end of the burst's task.
      queueMicrotask(() => (end = performance.now()));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      observer.disconnect();
      const burstTaskMs = end - start;
      // The smallest step performance.now() takes here.
      let step = Infinity;
      for (let i = 0, last = performance.now(); i < 100_000 && step > 0.001; i++) {
        const t = performance.now();
        if (t > last) step = Math.min(step, t - last);
        last = t;
      }
      return { burst: { events, burstTaskMs, longestTaskMs: Math.max(burstTaskMs, longest) }, timerResolutionMs: step };
    }, calls);
    await tab.context().close();
    return { emptyQueue, queued400, burst, timerResolutionMs };
  } finally {
    await browser.close();
    await page.close();
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
