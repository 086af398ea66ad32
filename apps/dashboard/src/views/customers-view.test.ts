import { describe, expect, it } from "vitest";
import { customersFixture } from "../fixtures/customers.js";
import { tableRows } from "../testing/table-text.js";
import { renderCustomers } from "./customers-view.js";

const NOW = new Date("2026-03-15T12:00:00.000Z");

describe("renderCustomers", () => {
  it("shows each customer's stage, days in it, last visit and traits", () => {
    const view = renderCustomers(customersFixture.customers, NOW, () => {});
    expect(tableRows(view)).toEqual([
      ["ada@example.com", "consideration", "2026-03-01 09:30", "14", "2026-03-02 10:00", "personatrail_runnernameAda"],
      ["<img src=x onerror=alert(1)>", "consideration", "2026-03-05 12:00", "10", "2026-03-06 08:15", "persona<script>alert(1)</script>"],
    ]);
    expect(view.querySelector("img")).toBeNull();
    expect(view.querySelector("script")).toBeNull();
  });

  it("says how many of the people listed entered the stage in the period and in the one before, only when comparing", () => {
    expect(renderCustomers(customersFixture.customers, NOW, () => {}).querySelector(".arrivals")).toBeNull();
    const week = (from: string, to: string) => ({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
    // Ada entered on 1 March 09:30, the other on 5 March 12:00.
    const both = renderCustomers(customersFixture.customers, NOW, () => {}, undefined, true, {
      current: week("2026-03-01", "2026-03-08"),
      previous: week("2026-02-22", "2026-03-01"),
    });
    expect(both.querySelector(".arrivals")?.textContent).toBe(
      "Of them, entered the stage in the period: 2; in the previous period: 0; change +2",
    );
    const one = renderCustomers(customersFixture.customers, NOW, () => {}, undefined, true, {
      current: week("2026-03-02", "2026-03-09"),
      previous: week("2026-02-23", "2026-03-02"),
    });
    expect(one.querySelector(".arrivals")?.textContent).toBe(
      "Of them, entered the stage in the period: 1; in the previous period: 1; change ±0 (±0.0%)",
    );
  });

  it("opens the journey of the customer whose id is clicked", () => {
    const opened: string[] = [];
    const view = renderCustomers(customersFixture.customers, NOW, (id, kind) => opened.push(`${kind}:${id}`));
    const buttons = [...view.querySelectorAll("tbody button")];
    expect(buttons.map((button) => button.getAttribute("aria-label"))).toEqual([
      "Open the journey of ada@example.com",
      "Open the journey of <img src=x onerror=alert(1)>",
    ]);
    (buttons[1] as HTMLButtonElement).click();
    expect(opened).toEqual(["customer:<img src=x onerror=alert(1)>"]);
  });

  it("opens an anonymous visitor's journey by the anonymous id", () => {
    const [first] = customersFixture.customers;
    const opened: string[] = [];
    const view = renderCustomers([{ ...first!, customerId: null, anonymousId: "anon-1" }], NOW, (id, kind) => opened.push(`${kind}:${id}`));
    expect(tableRows(view)[0]?.[0]).toBe("anon-1");
    view.querySelector<HTMLButtonElement>("tbody button")!.click();
    expect(opened).toEqual(["anonymous:anon-1"]);
  });

  it("counts everyone, pages 50 at a time, and sorts by a column header", () => {
    const [first] = customersFixture.customers;
    const many = Array.from({ length: 120 }, (_, index) => ({
      ...first!,
      customerId: `c${String(index).padStart(3, "0")}`,
      stageEnteredAt: new Date(Date.parse("2026-03-01T00:00:00.000Z") - index * 3_600_000).toISOString(),
    }));
    const view = renderCustomers(many, NOW, () => {});
    document.body.replaceChildren(view);
    expect(view.querySelector(".total")?.textContent).toBe("120 in total · showing 1–50");
    // Longest in the stage first by default.
    expect(
      tableRows(view)
        .map((row) => row[0])
        .slice(0, 2),
    ).toEqual(["c119", "c118"]);
    const next = [...view.querySelectorAll("button")].find((button) => button.textContent === "Next page")!;
    next.click();
    next.click();
    expect(view.querySelector(".total")?.textContent).toBe("120 in total · showing 101–120");
    expect(view.querySelector(".pager span")?.textContent).toBe("Page 3 of 3");
    const sortById = [...view.querySelectorAll<HTMLButtonElement>("th .sort-button")].find((button) =>
      button.textContent?.startsWith("Customer"),
    )!;
    sortById.click();
    expect(view.querySelector('th[aria-sort="ascending"]')?.textContent).toBe("Customer ▲");
    expect(
      tableRows(view)
        .map((row) => row[0])
        .slice(0, 2),
    ).toEqual(["c000", "c001"]);
    [...view.querySelectorAll<HTMLButtonElement>("th .sort-button")].find((button) => button.textContent?.startsWith("Customer"))!.click();
    expect(
      tableRows(view)
        .map((row) => row[0])
        .slice(0, 2),
    ).toEqual(["c119", "c118"]);
  });

  it("says so when nobody matches", () => {
    expect(renderCustomers([], NOW, () => {}).textContent).toBe("No customers match.");
  });
});
