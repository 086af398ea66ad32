/**
 * Issue 15's Markov defect through HTTP, with its minimal data: L1 lands from an email and buys
 * (value 100); L2 lands from a display ad, comes back from an email, and does not buy. Display is
 * met only on the path that did not convert, yet leads into email: removal effects display 1/2,
 * email 1, so display earns 1/3 of the conversion and email 2/3. Every model hands out exactly
 * the one conversion.
 */
import { ATTRIBUTION_MODELS } from "@touchpoint/journeys";
import { beforeEach, describe, expect, it } from "vitest";
import { DAY, HOUR, page, touch, useJourneyApp, T0 } from "../testing/journey-client.js";

const app = useJourneyApp(T0 + 10 * DAY);
const shop = "https://shop.example/";
const fromEmail = { url: `${shop}?utm_source=news&utm_medium=email`, path: "/" };
const fromDisplay = { url: `${shop}?utm_source=gdn&utm_medium=display`, path: "/" };

beforeEach(async () => {
  await app.api.send([
    page("l1-1", "l1", 0, fromEmail, { sessionId: "l1-s1" }),
    touch("l1-2", "l1", "purchase", HOUR, { sessionId: "l1-s1", properties: { value: 100 } }),
    page("l2-1", "l2", 0, fromDisplay, { sessionId: "l2-s1" }),
    page("l2-2", "l2", DAY, fromEmail, { sessionId: "l2-s2" }),
  ]);
});

describe("markov over HTTP", () => {
  it("credits display 1/3 and email 2/3 of the one conversion", async () => {
    const { body } = await app.api.get("/v1/attribution?model=markov&groupBy=channel");
    expect(body.totalConversions).toBe(1);
    const credits = Object.fromEntries(
      body.credits.map((c: { key: string; conversions: number; value: number }) => [c.key, [c.conversions, c.value]]),
    );
    expect(Object.keys(credits).sort()).toEqual(["display", "email"]);
    expect(credits.display[0]).toBeCloseTo(1 / 3, 12);
    expect(credits.display[1]).toBeCloseTo(100 / 3, 12);
    expect(credits.email[0]).toBeCloseTo(2 / 3, 12);
    expect(credits.email[1]).toBeCloseTo(200 / 3, 12);
  });

  it.each(ATTRIBUTION_MODELS.map((model) => [model]))("%s hands out exactly the conversion and its value", async (model) => {
    const { body } = await app.api.get(`/v1/attribution?model=${model}&groupBy=channel`);
    const sum = (field: "conversions" | "value") =>
      body.credits.reduce((total: number, c: Record<string, number>) => total + (c[field] as number), 0);
    expect([body.totalConversions, body.totalValue]).toEqual([1, 100]);
    expect(sum("conversions")).toBeCloseTo(1, 12);
    expect(sum("value")).toBeCloseTo(100, 12);
  });
});
