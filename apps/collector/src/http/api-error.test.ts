/** A thrown ApiError, from a handler or a middleware, is answered by the app's one error handler; anything else is a 500. */
import { Hono, type MiddlewareHandler } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refusedForNow } from "../guards/refusal.js";
import { internalErrorAsJson } from "../middleware/json-errors.js";
import { ApiError } from "./api-error.js";

/** Stands for the outer middleware (security headers, access log): it must see the refusal as the answer. */
const stamp: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set("X-Seen-By", `outer ${c.res.status}`);
};

function appThrowing(where: "handler" | "middleware", error: (c: Parameters<MiddlewareHandler>[0]) => Error) {
  const app = new Hono();
  app.onError(internalErrorAsJson);
  app.use(stamp);
  if (where === "middleware")
    app.use(async (c) => {
      throw error(c);
    });
  app.get("/v1/thing", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    throw error(c);
  });
  return app;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an ApiError", () => {
  it("is answered with its status, exact body and headers, keeping headers the handler set", async () => {
    const answer = await appThrowing(
      "handler",
      () =>
        new ApiError(409, "currency_conflict", 'spend on channel "ads" is recorded in EUR', {
          issues: [{ path: "currency", message: "is EUR" }],
          headers: { Connection: "close" },
        }),
    ).request("/v1/thing");
    expect(answer.status).toBe(409);
    expect(await answer.text()).toBe(
      '{"error":{"code":"currency_conflict","message":"spend on channel \\"ads\\" is recorded in EUR","issues":[{"path":"currency","message":"is EUR"}]}}',
    );
    expect([...answer.headers]).toEqual([
      ["cache-control", "public, max-age=300"],
      ["connection", "close"],
      ["content-type", "application/json"],
      ["x-seen-by", "outer 409"],
    ]);
  });

  it("has no issues key when it names no field", async () => {
    const answer = await appThrowing("handler", () => new ApiError(404, "unknown_rule", 'no rule of this site has the id "r1"')).request(
      "/v1/thing",
    );
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe('{"error":{"code":"unknown_rule","message":"no rule of this site has the id \\"r1\\""}}');
  });

  it("thrown by a middleware is answered there, and the middleware around it still sees the answer", async () => {
    const answer = await appThrowing("middleware", (c) => refusedForNow(c, 429, "rate_limited", "slow down", 7)).request("/v1/thing", {
      headers: { Origin: "https://shop.example" },
    });
    expect(answer.status).toBe(429);
    expect(await answer.json()).toEqual({ error: { code: "rate_limited", message: "slow down" } });
    expect([...answer.headers]).toEqual([
      ["access-control-allow-origin", "https://shop.example"],
      ["access-control-expose-headers", "Retry-After"],
      ["content-type", "application/json"],
      ["retry-after", "7"],
      ["vary", "Origin"],
      ["x-seen-by", "outer 429"],
    ]);
  });

  it("is not logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await appThrowing("handler", () => new ApiError(401, "unknown_key", "no site has this key")).request("/v1/thing");
    expect(log).not.toHaveBeenCalled();
  });
});

describe("any other error", () => {
  it("is a 500 with the internal_error body, whatever it says", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const answer = await appThrowing("middleware", () => new RangeError("offset out of range")).request("/v1/thing");
    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe('{"error":{"code":"internal_error","message":"the collector failed to answer this request"}}');
    expect(answer.headers.get("x-seen-by")).toBe("outer 500");
  });
});
