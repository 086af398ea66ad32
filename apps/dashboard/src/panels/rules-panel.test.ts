import { describe, expect, it, vi } from "vitest";
import { panelContext, type Answer } from "../testing/panel-context.js";
import { tableRows } from "../testing/table-text.js";
import { rulesPanel } from "./rules-panel.js";

const activity = {
  rules: [
    {
      id: "rule_1",
      name: "abandoned cart",
      enabled: true,
      version: 1,
      runs: { waiting: 1, done: 2, cancelled: 0 },
      branches: [{ branch: "0", runs: 2, deliveries: { pending: 0, delivered: 2, failed: 0 } }],
      deliveries: { pending: 0, delivered: 2, failed: 0 },
    },
  ],
};

function panel(answer: Answer) {
  const { context, sent } = panelContext({ "/v1/rule-activity": answer });
  const rules = rulesPanel(context);
  document.body.replaceChildren(rules.element);
  return { rules, sent, context };
}

describe("rulesPanel", () => {
  it("asks for the secret key first, then reads the rules with it and keeps it for the page", async () => {
    const { rules, sent, context } = panel({ status: 200, body: activity });
    await rules.load();
    expect(rules.element.querySelector("#rules-result")?.textContent).toBe("Rules are read with the site's secret key: enter it above.");
    expect(sent).toEqual([]);

    rules.element.querySelector<HTMLInputElement>("#rules-secret")!.value = " tp_sec_abc ";
    rules.element.querySelector("form")!.requestSubmit();
    await vi.waitFor(() => expect(rules.element.querySelector("#rules-result table")).not.toBeNull());
    expect(sent).toEqual([{ path: "/v1/rule-activity", authorization: "Bearer tp_sec_abc" }]);
    expect(tableRows(rules.element, "Automation rules")).toEqual([["abandoned cart", "yes", "1", "1", "2", "0", "2", "0", "0"]]);
    expect(context.secretKey.get()).toBe("tp_sec_abc");
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it("says a refused secret key was refused, keeps the read key, and keeps nothing", async () => {
    const { rules, context } = panel({
      status: 403,
      body: { error: { code: "wrong_key", message: "this is the read key; this endpoint needs the site's secret key" } },
    });
    rules.element.querySelector<HTMLInputElement>("#rules-secret")!.value = "rk_read";
    await rules.load();
    expect(rules.element.querySelector(".status.error")?.textContent).toBe(
      "The secret key was refused (this is the read key; this endpoint needs the site's secret key).",
    );
    expect(context.keyRefused).not.toHaveBeenCalled();
    expect(context.secretKey.get()).toBeNull();
  });
});
