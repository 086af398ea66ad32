import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES } from "../context.js";
import { journeyFixture } from "../fixtures/journey.js";
import { svgTexts, tableRows } from "../testing/table-text.js";
import type { JourneyTouchpoint } from "../api-types.js";
import { renderJourney } from "./journey-view.js";

const XSS = "<img src=x onerror=alert(1)>";

describe("renderJourney", () => {
  it("states who it is and the journey's facts", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    expect(view.querySelector("h3")?.textContent).toBe("Customer ada@example.com");
    expect(
      [...view.querySelectorAll(".fact")].map(
        (fact) => `${fact.querySelector("dt")?.textContent}=${fact.querySelector("dd")?.textContent}`,
      ),
    ).toEqual([
      "Current stage=loyalty",
      "Touchpoints=10",
      "Sessions=3",
      "Conversions=1",
      "Lifetime value=€129.00",
      "Devices (anonymous ids)=2",
      "First seen (UTC)=2026-03-01 09:00",
      "Last seen (UTC)=2026-03-10 08:00",
    ]);
    expect([...view.querySelectorAll(".stage-steps li")].map((step) => step.textContent)).toEqual([
      "awareness2026-03-01 09:00",
      "consideration2026-03-01 09:01",
      "evaluation2026-03-01 09:03",
      "purchase2026-03-03 18:00",
      "loyalty2026-03-03 18:01",
    ]);
  });

  it("lists every touchpoint in order with its stage, channel and properties", () => {
    const rows = tableRows(renderJourney(journeyFixture, DEFAULT_STAGES), "Touchpoints in time order");
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ["1", "2026-03-01 09:00", "page_view", "–", "paid_search"],
      ["2", "2026-03-01 09:00", "banner_click", "awareness", "paid_search"],
      ["3", "2026-03-01 09:01", "catalog_view", "consideration", "paid_search"],
      ["4", "2026-03-01 09:03", "review_read", "evaluation", "paid_search"],
      ["5", "2026-03-01 09:04", "chatbot_question", "evaluation", "paid_search"],
      ["6", "2026-03-03 17:58", "add_to_cart", "purchase", "direct"],
      ["7", "2026-03-03 17:59", "checkout_started", "purchase", "direct"],
      ["8", "2026-03-03 18:00", "purchase", "purchase", "direct"],
      ["9", "2026-03-03 18:01", "survey_response", "loyalty", "direct"],
      ["10", "2026-03-10 08:00", "survey_response", "loyalty", "email"],
    ]);
    expect(rows[4]?.[5]).toBe(`question${XSS}`);
    expect(rows[7]?.[5]).toBe("orderIdord_1value129currencyEUR");
  });

  it("lists stage entries in the order they happened, not the model's order", () => {
    const skippedAhead = {
      ...journeyFixture,
      stages: [
        { stage: "awareness", enteredAt: "2026-03-02T10:00:00.000Z" },
        { stage: "purchase", enteredAt: "2026-03-01T09:00:00.000Z" },
      ],
    };
    expect(
      [...renderJourney(skippedAhead, DEFAULT_STAGES).querySelectorAll(".stage-steps .step-name")].map((step) => step.textContent),
    ).toEqual(["purchase", "awareness"]);
  });

  it("says where each touchpoint happened: the page's path and title, or offline with its channel", () => {
    const [page, event] = journeyFixture.touchpoints as [JourneyTouchpoint, JourneyTouchpoint];
    const journey = {
      ...journeyFixture,
      touchpoints: [
        { ...page, context: { path: "/boots", title: "Trail boots", url: "https://shop.example/boots" } },
        { ...event, name: "talk_to_sales", context: { channel: "call_center" } },
      ],
    };
    const view = renderJourney(journey, DEFAULT_STAGES);
    expect(tableRows(view, "Touchpoints in time order").map((row) => row[6])).toEqual(["/boots · Trail boots", "offline (call_center)"]);
    expect(view.querySelectorAll("rect.dot.offline")).toHaveLength(1);
    expect(view.querySelector("rect.dot.offline title")?.textContent).toBe(
      "talk_to_sales (offline, call_center) · awareness · paid_search · 2026-03-01 09:00 UTC",
    );
  });

  it("shows each session's channel, in the table and above the timeline", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    expect(tableRows(view, "Sessions")).toEqual([
      ["2026-03-01 09:00", "paid_search", "5", `https://shop.example/?q=${XSS}`],
      ["2026-03-03 17:58", "direct", "4", "https://shop.example/cart.html"],
      ["2026-03-10 07:59", "email", "1", "–"],
    ]);
    expect(svgTexts(view, "session-label")).toEqual(["paid_search", "direct", "email"]);
    expect(view.querySelectorAll("rect.session-band")).toHaveLength(3);
  });

  it("places each touchpoint in its stage's lane, in time order", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    expect(svgTexts(view, "label").slice(0, 6)).toEqual(["awareness", "consideration", "evaluation", "purchase", "loyalty", "Rating"]);
    const dots = [...view.querySelectorAll("circle.dot")];
    // A real time axis: 9 days minus an hour over 760 px with 2% margins; a session's touches sit close together.
    expect(dots.map((dot) => Number(dot.getAttribute("cx")))).toEqual([
      144.6, 144.6, 144.7, 144.8, 144.8, 338.3, 338.3, 338.4, 338.4, 875.4,
    ]);
    // Lanes are 30 apart from y = 40 + 15. The page view before any stage sits on the first lane, and
    // every mark stays on the furthest stage reached so far: the line only climbs.
    expect(dots.map((dot) => Number(dot.getAttribute("cy")))).toEqual([55, 55, 85, 115, 115, 145, 145, 145, 175, 175]);
    expect(dots.map((dot) => dot.classList.contains("page"))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(dots[4]?.querySelector("title")?.textContent).toBe("chatbot_question · evaluation · paid_search · 2026-03-01 09:04 UTC");
    expect(dots[0]?.querySelector("title")?.textContent).toBe("/ · no stage of its own · paid_search · 2026-03-01 09:00 UTC");
    expect([...view.querySelectorAll("path.stage-entry title")].map((title) => title.textContent)).toEqual([
      "Entered awareness, 2026-03-01 09:00 UTC",
      "Entered consideration, 2026-03-01 09:01 UTC",
      "Entered evaluation, 2026-03-01 09:03 UTC",
      "Entered purchase, 2026-03-03 18:00 UTC",
      "Entered loyalty, 2026-03-03 18:01 UTC",
    ]);
    expect(svgTexts(view, "axis").slice(0, 6)).toEqual(["03-02", "03-04", "03-06", "03-08", "03-10", "UTC"]);
  });

  it("draws the rating curve through the touchpoints that carry a rating", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    const points = [...view.querySelectorAll("circle.rating-point")];
    expect(points.map((point) => point.getAttribute("data-index"))).toEqual(["3", "8", "9"]);
    expect(points.map((point) => point.getAttribute("class"))).toEqual(["rating-point high", "rating-point low", "rating-point high"]);
    expect(svgTexts(view, "rating-value")).toEqual(["5", "2", "4"]);
    // From rated touch to rated touch: the unrated ones in between do not pull the line down.
    expect(view.querySelector(".rating-line")?.getAttribute("points")).toBe("144.8,250.0 338.4,322.0 875.4,274.0");
    expect(view.querySelector("svg")?.getAttribute("aria-label")).toBe(
      "Journey timeline from 2026-03-01 09:00 to 2026-03-10 08:00 UTC: 10 touchpoints in 3 sessions, 5 stages entered, 3 ratings",
    );
  });

  it("leaves the curve out when no touchpoint has a rating", () => {
    const unrated = { ...journeyFixture, touchpoints: journeyFixture.touchpoints.map((touchpoint) => ({ ...touchpoint, properties: {} })) };
    const view = renderJourney(unrated, DEFAULT_STAGES);
    expect(view.querySelector(".rating-curve")).toBeNull();
    expect(view.querySelector("svg")?.getAttribute("aria-label")).toBe(
      "Journey timeline from 2026-03-01 09:00 to 2026-03-10 08:00 UTC: 10 touchpoints in 3 sessions, 5 stages entered",
    );
  });

  it("renders attacker-controlled text as text and creates no element from it", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    document.body.replaceChildren(view);
    expect(document.querySelectorAll("img")).toHaveLength(0);
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(view.textContent).toContain(`question${XSS}`);
    expect(view.textContent).toContain(`nameAda ${XSS}`);
    expect(view.innerHTML).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("names an anonymous visitor by the first anonymous id", () => {
    const anonymous = { ...journeyFixture, customerId: null, traits: {}, touchpoints: [] };
    expect(renderJourney(anonymous, DEFAULT_STAGES).textContent).toBe("Anonymous visitor anon-laptopNo touchpoints yet.");
  });
});
