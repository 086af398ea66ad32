import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, queryString } from "./api-client.js";

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that records each request and answers with the given status and body. */
function recordingFetch(status: number, body: unknown, calls: Call[]): typeof fetch {
  return async (input, init) => {
    calls.push({ url: String(input), headers: init?.headers as Record<string, string> });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  };
}

describe("queryString", () => {
  it("leaves out empty and undefined parameters and encodes the rest", () => {
    expect(queryString({ a: "x y", b: undefined, c: "", d: 0, "trait.persona": "a&b" })).toBe("?a=x+y&d=0&trait.persona=a%26b");
    expect(queryString({})).toBe("");
  });
});

describe("createApiClient", () => {
  it("sends the read key as a bearer token to the same-origin API", async () => {
    const calls: Call[] = [];
    const api = createApiClient("rk_secret", recordingFetch(200, { stages: [] }, calls));
    expect(await api.funnel({ from: "2026-03-01T00:00:00.000Z", groupBy: "trait.persona" })).toEqual({ stages: [] });
    expect(calls).toEqual([
      {
        url: "/v1/funnel?from=2026-03-01T00%3A00%3A00.000Z&groupBy=trait.persona",
        headers: { Authorization: "Bearer rk_secret", Accept: "application/json" },
      },
    ]);
  });

  it("builds each endpoint's URL", async () => {
    const calls: Call[] = [];
    const api = createApiClient("rk", recordingFetch(200, {}, calls));
    await api.attribution({
      model: "time_decay",
      conversion: "stage:evaluation",
      groupBy: "channel",
      lookbackDays: 14,
      halfLifeDays: 3,
      transform: "exposure",
    });
    await api.momentsOfTruth({ stage: "evaluation", withinDays: 7 });
    await api.customers({ stage: "consideration", stalledDays: 7, traits: { persona: "trail_runner" }, limit: 50, cursor: "c2" });
    await api.journey("ada@example.com/../x");
    await api.journeyOfAnonymousId("anon 1");
    expect(calls.map((call) => call.url)).toEqual([
      "/v1/attribution?model=time_decay&conversion=stage%3Aevaluation&groupBy=channel&lookbackDays=14&halfLifeDays=3&transform=exposure",
      "/v1/moments-of-truth?stage=evaluation&withinDays=7",
      "/v1/customers?stage=consideration&stalledDays=7&limit=50&cursor=c2&trait.persona=trail_runner",
      "/v1/journeys/ada%40example.com%2F..%2Fx",
      "/v1/journeys?anonymousId=anon+1",
    ]);
  });

  it("turns an error answer into an ApiError with the API's code and message", async () => {
    const api = createApiClient("rk", recordingFetch(400, { error: { code: "invalid_query", message: "model: unknown model" } }, []));
    const error = await api.attribution({ model: "nope", conversion: "purchase", groupBy: "channel" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "invalid_query", message: "model: unknown model", isKeyRefused: false });
  });

  it("marks 401 and 403 as a refused key, also without a JSON body", async () => {
    const api = createApiClient("rk", recordingFetch(401, "no", []));
    const error = await api.journey("ada").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401, code: "http_error", message: "401", isKeyRefused: true });
  });
});
