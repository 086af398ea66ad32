import { vi } from "vitest";
import { createApiClient } from "../api-client.js";
import { createStageList, DEFAULT_STAGES, type DashboardContext } from "../context.js";
import { createSecretKey } from "../secret-key.js";

export type Answer = { status: number; body: unknown };

/**
 * A panel's context over a fetch double that answers by path (with or without its query) and logs
 * each request with its bearer key.
 */
export function panelContext(answers: Record<string, Answer>, overrides: Partial<DashboardContext> = {}) {
  const sent: { path: string; authorization: string }[] = [];
  const fetchDouble: typeof fetch = async (input, init) => {
    const url = new URL(String(input), "http://collector.test");
    const path = url.pathname + url.search;
    sent.push({ path, authorization: (init?.headers as Record<string, string> | undefined)?.Authorization ?? "" });
    const answer = answers[path] ??
      answers[url.pathname] ?? { status: 404, body: { error: { code: "not_found", message: `no ${url.pathname}` } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
  };
  const context: DashboardContext = {
    api: createApiClient("rk_read", fetchDouble),
    period: () => ({}),
    previousPeriod: () => null,
    filters: () => ({}),
    filtered: () => false,
    filterNote: () => "",
    offerKeys: () => undefined,
    stages: createStageList(DEFAULT_STAGES),
    site: () => null,
    secretKey: createSecretKey(),
    openJourney: () => undefined,
    showPeopleAt: () => undefined,
    keyRefused: vi.fn(),
    now: () => new Date("2026-03-15T12:00:00.000Z"),
    fetch: fetchDouble,
    ...overrides,
  };
  return { context, sent };
}
