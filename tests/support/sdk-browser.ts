import { chromium, type Browser, type Page } from "playwright-core";

/** A visitor's desktop Chrome. */
const DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/**
 * Debian's chromium, never a downloaded browser; flags keep it quiet and offline apart from our
 * servers. The browser-wide user agent matters as well as the context's: a beacon sent while a
 * page is being navigated away from is finished by the browser process with its own user agent,
 * which would otherwise say HeadlessChrome (a bot to the collector, so those events vanish).
 */
export function launchChromium(options: { backForwardCache?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    // Playwright turns the back-forward cache off by default; a test of pages restored from it needs it on.
    ignoreDefaultArgs: options.backForwardCache ? ["--disable-back-forward-cache"] : undefined,
    args: [
      `--user-agent=${DESKTOP_CHROME}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A tab of a visitor's own browser window. Headless Chromium names itself HeadlessChrome in its
 * user agent, which the collector rightly counts as a bot and does not store: the visitor's
 * browser says Chrome.
 */
export async function visitorPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME });
  return context.newPage();
}
