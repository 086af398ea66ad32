import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES } from "../context.js";
import { journeyFixture } from "../fixtures/journey.js";
import { svgTexts, tableRows } from "../testing/table-text.js";
import { renderJourney } from "./journey-view.js";

const XSS = "<img src=x onerror=alert(1)>";

describe("renderJourney", () => {
  it("states who it is and the journey's facts", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    expect(view.querySelector("h3")?.textContent).toBe("Customer ada@example.com");
    expect([...view.querySelectorAll(".fact")].map((fact) => `${fact.querySelector("dt")?.textContent}=${fact.querySelector("dd")?.textContent}`)).toEqual([
      "Current stage=loyalty",
      "Touchpoints=10",
      "Sessions=3",
      "Conversions=1",
      "Lifetime value=129.00",
      "Devices (anonymous ids)=2",
      "First seen=2026-03-01 09:00",
      "Last seen=2026-03-10 08:00",
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
    expect(svgTexts(view, "label").slice(0, 6)).toEqual(["awareness", "consideration", "evaluation", "purchase", "loyalty", "(no stage)"]);
    const dots = [...view.querySelectorAll("circle.dot")];
    expect(dots.map((dot) => Number(dot.getAttribute("cx")))).toEqual([162, 226, 290, 354, 418, 482, 546, 610, 674, 738]);
    // Lanes are 30 apart from y = 38 + 15: awareness 53 ... loyalty 173, no stage 203.
    expect(dots.map((dot) => Number(dot.getAttribute("cy")))).toEqual([203, 53, 83, 113, 113, 143, 143, 143, 173, 173]);
    expect(dots[4]?.querySelector("title")?.textContent).toBe("chatbot_question · evaluation · paid_search · 2026-03-01 09:04");
  });

  it("draws the rating curve through the touchpoints that carry a rating", () => {
    const view = renderJourney(journeyFixture, DEFAULT_STAGES);
    const points = [...view.querySelectorAll("circle.rating-point")];
    expect(points.map((point) => point.getAttribute("data-index"))).toEqual(["3", "8", "9"]);
    expect(points.map((point) => point.getAttribute("class"))).toEqual(["rating-point high", "rating-point low", "rating-point high"]);
    expect(svgTexts(view, "rating-value")).toEqual(["5", "2", "4"]);
    expect(view.querySelector("svg")?.getAttribute("aria-label")).toBe("Journey timeline: 10 touchpoints across 6 stages, 3 ratings");
  });

  it("leaves the curve out when no touchpoint has a rating", () => {
    const unrated = { ...journeyFixture, touchpoints: journeyFixture.touchpoints.map((touchpoint) => ({ ...touchpoint, properties: {} })) };
    const view = renderJourney(unrated, DEFAULT_STAGES);
    expect(view.querySelector(".rating-curve")).toBeNull();
    expect(view.querySelector("svg")?.getAttribute("aria-label")).toBe("Journey timeline: 10 touchpoints across 6 stages");
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
