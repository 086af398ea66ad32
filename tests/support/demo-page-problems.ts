import type { Page } from "playwright-core";

/**
 * Everything that went wrong on a page, as lines: console errors, uncaught exceptions, answers
 * of 400 and above, requests that failed outright, and dialogs (alert, confirm, prompt), which
 * neither the shop nor the dashboard ever opens. An empty list is a clean page.
 */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("requestfailed", (request) => problems.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  return problems;
}
