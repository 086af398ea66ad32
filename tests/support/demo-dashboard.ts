import type { Browser, Locator, Page } from "playwright-core";
import { watchPageProblems } from "./demo-page-problems.js";

/** The dashboard in a tab of its own, with every problem the page runs into. */
export interface DashboardTab {
  page: Page;
  problems: string[];
}

/**
 * Opens a dashboard link (`/dashboard#key=READ_KEY`) in a new browser context and waits until
 * the funnel, the first panel to load, shows its table.
 */
export async function openDashboard(browser: Browser, link: string, timeoutMs = 30_000, width = 1360): Promise<DashboardTab> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(link);
  await page.locator("#funnel-result table").waitFor({ timeout: timeoutMs });
  return { page, problems };
}

/** The text of every body cell of a table, row by row (the row header included). */
export function tableRows(table: Locator): Promise<string[][]> {
  return table.evaluate((element) =>
    [...(element as HTMLTableElement).tBodies[0]!.rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? "")),
  );
}

/** The table of a panel's result whose caption is `caption`. */
export function captionedTable(page: Page, panelId: string, caption: string): Locator {
  return page.locator(`#${panelId}-result table`).filter({ has: page.locator("caption", { hasText: caption }) });
}

/** Types an id into the journey panel's search and waits until that person's journey is shown. */
export async function searchJourney(page: Page, id: string, timeoutMs = 30_000): Promise<Locator> {
  const panel = page.locator("#journey");
  await panel.getByLabel("Customer id or anonymous id").fill(id);
  await panel.getByRole("button", { name: "Update" }).click();
  const journey = panel.locator("article.journey");
  await journey.locator(".journey-title .identity").filter({ hasText: id }).waitFor({ timeout: timeoutMs });
  return journey;
}

/** The dashboard's panels, in page order. */
export const PANEL_IDS = ["funnel", "attribution", "moments", "value", "paths", "stalled", "journey"] as const;

/** Waits until every panel shows a result (a table, a chart or an empty state). */
export async function waitForPanels(page: Page, timeoutMs = 30_000): Promise<void> {
  for (const id of PANEL_IDS) await page.locator(`#${id}-result > *`).first().waitFor({ timeout: timeoutMs });
}

/** The messages of panels whose last load failed. */
export function panelErrors(page: Page): Promise<string[]> {
  return page.locator(".panel .status.error").allTextContents();
}

/** What SVG text elements show: their own text, without the full text of a `<title>` tooltip inside. */
export function shownSvgTexts(texts: Locator): Promise<string[]> {
  return texts.evaluateAll((elements) =>
    elements.map((element) =>
      [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join(""),
    ),
  );
}
