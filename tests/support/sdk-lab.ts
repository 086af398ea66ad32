import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CollectorProcess, createSite, freePort, type SiteKeys } from "./process-collector.js";
import { launchChromium, visitorPage } from "./sdk-browser.js";
import { startPageServer, startRecordingProxy } from "./sdk-servers.js";
import { readSdkEvents, type SdkStoredEvent } from "./sdk-stored-events.js";
import type { StageAddresses } from "./sdk-stage.js";

/**
 * The stage of the SDK's robustness tests: the built collector on a fresh SQLite file, a recording
 * proxy in front of it that a test can make fail (503, or unreachable), the shop's pages on their
 * own origin, and Chromium. Unlike startSdkStage, events always go through the proxy, pages can be
 * cacheable and the browser can keep the back-forward cache.
 */
export async function startSdkLab(options: {
  name: string;
  pages: Record<string, (addresses: StageAddresses) => string>;
  /** Cacheable pages and a browser with the back-forward cache on. */
  backForwardCache?: boolean;
}) {
  const dir = mkdtempSync(join(tmpdir(), "tp-sdk-lab-"));
  const db = join(dir, "touchpoint.db");
  const port = await freePort();
  const collectorOrigin = `http://localhost:${port}`;
  const proxy = await startRecordingProxy(port);
  let site: SiteKeys | undefined;
  const addresses = (): StageAddresses => ({
    scriptUrl: `${collectorOrigin}/sdk/touchpoint.js`,
    endpoint: proxy.origin,
    collectorOrigin,
    writeKey: site!.writeKey,
  });
  const shop = await startPageServer(
    Object.fromEntries(Object.entries(options.pages).map(([path, page]) => [path, () => page(addresses())])),
    { cacheable: options.backForwardCache },
  );
  site = await createSite(db, options.name, [shop.origin]);
  const collector = await CollectorProcess.start({ db, port });
  const browser: Browser = await launchChromium({ backForwardCache: options.backForwardCache });
  const events = () => readSdkEvents(db, site!.id);
  return {
    db,
    site,
    shop,
    proxy,
    browser,
    collectorOrigin,
    /** The site's stored events, in time order. */
    events,
    /**
     * A filter that keeps the events stored after this call. (Stored times are corrected per
     * batch for the page's clock, which jumps when a test moves it: time order says little here.)
     */
    after() {
      const old = new Set(events().map((e) => e.id));
      return (stored: SdkStoredEvent[]) => stored.filter((e) => !old.has(e.id));
    },
    /** A new visitor (own context, own storage) whose page clock moves only when the test moves it. */
    async visitor(): Promise<{ context: BrowserContext; page: Page }> {
      const page = await visitorPage(browser);
      await page.clock.install();
      return { context: page.context(), page };
    },
    /**
     * Moves the page's clock on in steps of `stepMs` (giving the network real time between steps)
     * until `done` holds for the stored events; fails after `maxSteps`.
     */
    async runUntil(page: Page, done: (events: SdkStoredEvent[]) => boolean, stepMs = 500, maxSteps = 60): Promise<SdkStoredEvent[]> {
      for (let step = 0; ; step++) {
        const stored = events();
        if (done(stored)) return stored;
        if (step === maxSteps) throw new Error(`the stored events did not get there; stored: ${JSON.stringify(stored.map((e) => e.name))}`);
        await page.clock.runFor(stepMs);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** GET on the collector's query API with the site's read key. */
    async query<T>(path: string): Promise<T> {
      const res = await fetch(collectorOrigin + path, { headers: { authorization: `Bearer ${site!.readKey}` } });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await browser.close();
      await collector.stop();
      await shop.close();
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SdkLab = Awaited<ReturnType<typeof startSdkLab>>;

/** The script tag as a site embeds it, with the events going through the lab's proxy. */
export const scriptTag = ({ scriptUrl, endpoint, writeKey }: StageAddresses, extra = "") =>
  `<script src="${scriptUrl}" data-write-key="${writeKey}" data-endpoint="${endpoint}" ${extra}></script>`;

/** Names and ids of the events waiting in a page's retry queues (localStorage tp_q_*). */
export const queuedInPage = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("tp_q_"))
      .flatMap((key) => (JSON.parse(localStorage.getItem(key)!) as { e: { name?: string }[] }).e.map((e) => e.name ?? "")),
  );
