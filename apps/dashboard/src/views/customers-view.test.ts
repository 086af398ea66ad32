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

  it("opens the journey of the customer whose id is clicked", () => {
    const opened: string[] = [];
    const view = renderCustomers(customersFixture.customers, NOW, (id) => opened.push(id));
    const buttons = [...view.querySelectorAll("button")];
    expect(buttons.map((button) => button.getAttribute("aria-label"))).toEqual(["Open the journey of ada@example.com", "Open the journey of <img src=x onerror=alert(1)>"]);
    buttons[1]?.click();
    expect(opened).toEqual(["<img src=x onerror=alert(1)>"]);
  });

  it("lists a summary without a customer id as plain text", () => {
    const [first] = customersFixture.customers;
    const view = renderCustomers([{ ...first!, customerId: null }], NOW, () => {});
    expect(tableRows(view)[0]?.[0]).toBe("(anonymous)");
    expect(view.querySelector("button")).toBeNull();
  });

  it("says so when nobody matches", () => {
    expect(renderCustomers([], NOW, () => {}).textContent).toBe("No customers match.");
  });
});
