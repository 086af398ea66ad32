import { describe, expect, it } from "vitest";
import { funnelFixture, groupedFunnelFixture } from "../fixtures/funnel.js";
import { svgTexts, tableHeaders, tableRows } from "../testing/table-text.js";
import { FUNNEL_DEFINITIONS, PURCHASE_NOTE, renderFunnel } from "./funnel-view.js";

describe("renderFunnel", () => {
  it("shows customers, conversion, drop-off, days to next and stalled per stage", () => {
    const view = renderFunnel(funnelFixture);
    expect([...view.querySelectorAll("thead th")].map((th) => th.firstChild?.textContent)).toEqual([
      "Stage",
      "People",
      "From previous",
      "Drop-off",
      "Median days to next",
      "P90 days to next",
      "Stalled now",
    ]);
    expect(view.querySelector("thead th[title]")?.getAttribute("title")).toBe(FUNNEL_DEFINITIONS.people);
    expect(tableRows(view)).toEqual([
      ["awareness", "1,000", "–", "–", "1.5 d", "6.3 d", "180"],
      ["consideration", "640", "64.0%", "36.0%", "2.0 d", "9.0 d", "95"],
      ["evaluation", "400", "62.5%", "37.5%", "3.3 d", "12.5 d", "60"],
      ["purchase", "150", "37.5%", "62.5%", "20.0 d", "41.0 d", "88"],
      ["loyalty", "45", "30.0%", "70.0%", "–", "–", "45"],
    ]);
  });

  it("defines every number below the table, the purchase stage against attributed purchases included", () => {
    const definitions = renderFunnel(funnelFixture).querySelector("details.definitions")!;
    expect(definitions.querySelector("summary")?.textContent).toBe("What these numbers mean");
    expect([...definitions.querySelectorAll("dt")].map((term) => term.textContent)).toEqual([
      "People",
      "From previous",
      "Drop-off",
      "Median / P90 days to next",
      "Stalled now",
      "Purchase stage vs. purchases",
    ]);
    expect(definitions.querySelectorAll("dd")[5]?.textContent).toBe(PURCHASE_NOTE);
  });

  it("lists the customers or the anonymous visitors who stopped at a stage,", () => {
    const asked: [string, boolean][] = [];
    const view = renderFunnel(funnelFixture, null, (stage, identified) => asked.push([stage, identified]));
    view.querySelector<HTMLButtonElement>('button[aria-label="List the identified customers at purchase now"]')!.click();
    view.querySelector<HTMLButtonElement>('button[aria-label="List the anonymous visitors at evaluation now"]')!.click();
    expect(asked).toEqual([
      ["purchase", true],
      ["evaluation", false],
    ]);
    expect(tableRows(view)[0]).toEqual(["awareness", "1,000", "–", "–", "1.5 d", "6.3 d", "180", "CustomersVisitors"]);
  });

  it("adds the previous period and the change per stage when comparing", () => {
    const previous = {
      stages: funnelFixture.stages.map((stage) => ({
        ...stage,
        customers: stage.stage === "loyalty" ? 0 : stage.customers + 100,
        conversionFromPrevious: stage.stage === "consideration" ? 0.6 : stage.conversionFromPrevious,
      })),
    };
    const rows = tableRows(renderFunnel(funnelFixture, previous));
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ["awareness", "1,000", "1,100", "−100 (−9.1%)", "–", "–"],
      ["consideration", "640", "740", "−100 (−13.5%)", "64.0%", "+4.0 pp"],
      ["evaluation", "400", "500", "−100 (−20.0%)", "62.5%", "±0.0 pp"],
      ["purchase", "150", "250", "−100 (−40.0%)", "37.5%", "±0.0 pp"],
      ["loyalty", "45", "0", "+45", "30.0%", "±0.0 pp"],
    ]);
  });

  it("draws one bar per stage, as wide as its share of the first stage", () => {
    const view = renderFunnel(funnelFixture);
    expect(svgTexts(view, "label")).toEqual(["awareness", "consideration", "evaluation", "purchase", "loyalty"]);
    const widths = [...view.querySelectorAll("rect.bar")].map((bar) => Number(bar.getAttribute("width")));
    expect(widths).toEqual([360, 230.4, 144, 54, 16.2]);
    expect(svgTexts(view, "value")).toEqual(["1,000", "–", "640", "64.0%", "400", "62.5%", "150", "37.5%", "45", "30.0%"]);
  });

  it("draws one funnel per group and the stage x group matrix, group keys as text", () => {
    const view = renderFunnel(groupedFunnelFixture);
    expect([...view.querySelectorAll("h3")].map((heading) => heading.textContent)).toEqual([
      "weekend_hiker",
      "trail_runner",
      "<img src=x onerror=alert(1)>",
    ]);
    expect(view.querySelectorAll("svg.funnel-chart")).toHaveLength(3);
    expect(tableHeaders(view)).toEqual(["Stage", "weekend_hiker", "trail_runner", "<img src=x onerror=alert(1)>"]);
    expect(tableRows(view)).toEqual([
      ["awareness", "500", "300", "200"],
      ["consideration", "300 · 60.0%", "220 · 73.3%", "120 · 60.0%"],
      ["evaluation", "200 · 66.7%", "140 · 63.6%", "60 · 50.0%"],
      ["purchase", "80 · 40.0%", "50 · 35.7%", "20 · 33.3%"],
      ["loyalty", "20 · 25.0%", "20 · 40.0%", "5 · 25.0%"],
    ]);
    expect(view.querySelector("img")).toBeNull();
  });

  it("gives each group's change in customers per stage when comparing, from 0 for a group the previous period lacked", () => {
    const previous = {
      groups: groupedFunnelFixture.groups
        .slice(0, 2)
        .map((group) => ({ ...group, stages: group.stages.map((stage) => ({ ...stage, customers: stage.customers - 20 })) })),
    };
    const view = renderFunnel(groupedFunnelFixture, previous);
    expect(tableHeaders(view)).toEqual([
      "Stage",
      "weekend_hiker",
      "weekend_hiker: change",
      "trail_runner",
      "trail_runner: change",
      "<img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>: change",
    ]);
    expect(tableRows(view)[0]).toEqual(["awareness", "500", "+20 (+4.2%)", "300", "+20 (+7.1%)", "200", "+200"]);
    expect(tableRows(view)[4]).toEqual(["loyalty", "20 · 25.0%", "+20", "20 · 40.0%", "+20", "5 · 25.0%", "+5"]);
  });

  it("says so when nobody reached any stage", () => {
    const empty = renderFunnel({ stages: funnelFixture.stages.map((stage) => ({ ...stage, customers: 0 })) });
    expect(empty.textContent).toBe("No customers reached any stage in this period.");
    expect(renderFunnel({ groups: [] }).textContent).toBe("No one to split in this period.");
  });
});
