import { describe, expect, it } from "vitest";
import { tableRows } from "../testing/table-text.js";
import { renderSpendList } from "./spend-list-view.js";

describe("renderSpendList", () => {
  it("lists each row with its amount in its currency", () => {
    const view = renderSpendList([
      {
        id: "s1",
        groupBy: "channel",
        key: "paid_search",
        from: "2026-03-01",
        to: "2026-03-31",
        amount: 1250.5,
        currency: "EUR",
        createdAt: "",
      },
      { id: "s2", groupBy: "campaign", key: "spring", from: "2026-03-10", to: "2026-03-12", amount: 80, currency: "USD", createdAt: "" },
    ]);
    expect(tableRows(view, "Recorded spend")).toEqual([
      ["channel", "paid_search", "2026-03-01", "2026-03-31", "€1,250.50"],
      ["campaign", "spring", "2026-03-10", "2026-03-12", "$80.00"],
    ]);
  });

  it("says when nothing is recorded", () => {
    expect(renderSpendList([]).querySelector(".empty")?.textContent).toBe("No spend recorded yet.");
  });
});
