/** Failures the routes do not expect: 503 when the store is away, 500 otherwise, and never a query's parameters in the log. */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { internalErrorAsJson } from "./json-errors.js";

const KEY = "tp_pub_0123456789abcdef";

function appThrowing(error: Error) {
  const app = new Hono();
  app.onError(internalErrorAsJson);
  app.get("/v1/journeys/ada", () => {
    throw error;
  });
  return app;
}

function capturedLog(): () => string {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  return () => lines.join("\n");
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("internalErrorAsJson", () => {
  it("answers a query that failed because PostgreSQL is away with 503 and Retry-After, logging no parameter", async () => {
    const log = capturedLog();
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const answer = await appThrowing(new DrizzleQueryError('select "id" from "sites" where "write_key" = $1', [KEY], refused)).request(
      "/v1/journeys/ada",
    );
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect(await answer.json()).toEqual({
      error: { code: "store_unavailable", message: "the database cannot be reached right now; send again after Retry-After" },
    });
    expect(log()).toBe(
      "touchpoint: GET /v1/journeys/ada: the store is unavailable: a query failed: connect ECONNREFUSED 127.0.0.1:5432 (ECONNREFUSED)",
    );
  });

  it("answers any other failure with 500, logging where it happened but no parameter", async () => {
    const log = capturedLog();
    const bug = new TypeError("cannot read properties of undefined");
    const answer = await appThrowing(new DrizzleQueryError('select "id" from "sites" where "write_key" = $1', [KEY], bug)).request(
      "/v1/journeys/ada",
    );
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ error: { code: "internal_error", message: "the collector failed to answer this request" } });
    expect(log()).toContain(
      "touchpoint: GET /v1/journeys/ada failed: a query failed: cannot read properties of undefined\nTypeError: cannot read properties of undefined\n    at ",
    );
    expect(log()).not.toContain(KEY);
  });
});
