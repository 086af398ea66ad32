import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CollectorProcess, createSite, freePort, type SiteKeys } from "./process-collector.js";
import { launchChromium } from "./sdk-browser.js";
import { startPageServer, startRecordingProxy } from "./sdk-servers.js";
import { TeardownStack } from "./teardown-stack.js";

/** Where the page's script and events go: the script always from the collector itself. */
export interface StageAddresses {
  /** http://localhost:PORT/sdk/touchpoint.js */
  scriptUrl: string;
  /** The collector's origin, or the recording proxy's in front of it. */
  endpoint: string;
  collectorOrigin: string;
  writeKey: string;
}

/**
 * Everything an SDK browser test stands on: the built collector on a fresh SQLite file, a site
 * whose allowed origin is the shop's, the shop's pages on their own origin (127.0.0.1, another
 * port than the collector's localhost), optionally a recording proxy in front of the collector,
 * and headless Chromium.
 */
export async function startSdkStage(options: {
  name: string;
  pages: Record<string, (addresses: StageAddresses) => string>;
  recordTraffic?: boolean;
}) {
  const teardown = new TeardownStack();
  return teardown.build(async () => {
    const dir = mkdtempSync(join(tmpdir(), "tp-sdk-"));
    teardown.defer(() => rmSync(dir, { recursive: true, force: true }));
    // The browser first: where Chromium is missing, nothing else has been started.
    const browser: Browser = await launchChromium();
    teardown.defer(() => browser.close());
    const db = join(dir, "touchpoint.db");
    const port = await freePort();
    const collectorOrigin = `http://localhost:${port}`;
    const proxy = options.recordTraffic ? await startRecordingProxy(port) : undefined;
    if (proxy) teardown.defer(() => proxy.close());
    let site: SiteKeys | undefined;
    const addresses = (): StageAddresses => ({
      scriptUrl: `${collectorOrigin}/sdk/touchpoint.js`,
      endpoint: proxy?.origin ?? collectorOrigin,
      collectorOrigin,
      writeKey: site!.writeKey,
    });
    const shop = await startPageServer(
      Object.fromEntries(Object.entries(options.pages).map(([path, page]) => [path, () => page(addresses())])),
    );
    teardown.defer(() => shop.close());
    site = await createSite(db, options.name, [shop.origin]);
    let collector = await CollectorProcess.start({ db, port });
    teardown.defer(() => collector.stop());
    return {
      db,
      site,
      shop,
      proxy,
      browser,
      /** Stops the collector (SIGTERM): requests to its port now fail. */
      stopCollector: () => collector.stop(),
      /** Starts it again on the same port and database. */
      async restartCollector() {
        collector = await CollectorProcess.start({ db, port });
      },
      close: () => teardown.close(),
    };
  });
}

/** Waits until the script tag has replaced the snippet's stub (or the global exists at all). */
export const trackerReady = (page: Page) =>
  page.waitForFunction(() => "touchpoint" in window && !("q" in (window as unknown as { touchpoint: object }).touchpoint));
