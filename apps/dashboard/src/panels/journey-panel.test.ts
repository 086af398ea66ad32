import { describe, expect, it } from "vitest";
import { journeyFixture } from "../fixtures/journey.js";
import { panelContext } from "../testing/panel-context.js";
import { tableRows } from "../testing/table-text.js";
import { journeyPanel } from "./journey-panel.js";

const run = {
  id: "run_1",
  ruleVersion: 1,
  customerId: journeyFixture.customerId,
  trigger: { eventId: "e1", name: "begin_checkout", timestamp: "2026-03-02T10:00:00.000Z" },
  state: "done",
  dueAt: null,
  branches: ["0"],
  deliveries: [{ id: "d1", url: "https://crm.example/a", branch: "0", status: "failed", attempts: 12, lastError: "HTTP 410" }],
  createdAt: "2026-03-02T10:00:00.000Z",
};

function panel() {
  const id = encodeURIComponent(journeyFixture.customerId!);
  const { context, sent } = panelContext({
    [`/v1/journeys/${id}`]: { status: 200, body: journeyFixture },
    "/v1/rules": { status: 200, body: { rules: [{ id: "rule_1", name: "abandoned cart", signingSecret: "whsec_x" }] } },
    [`/v1/rules/rule_1/runs?customerId=${id}&limit=1000`]: { status: 200, body: { runs: [run] } },
  });
  const journey = journeyPanel(context);
  document.body.replaceChildren(journey.element);
  return { journey, sent, context };
}

describe("journeyPanel", () => {
  it("lists the customer's automation runs and deliveries with the secret key the page holds", async () => {
    const { journey, sent, context } = panel();
    context.secretKey.set("tp_sec_abc");
    await journey.open(journeyFixture.customerId!, "customer");
    expect(tableRows(journey.element, "Automation runs and deliveries")).toEqual([
      ["abandoned cart", "2026-03-02 10:00", "done", "Branch 1 (0)", "failed", "12", "HTTP 410"],
    ]);
    expect(sent.slice(1).map((request) => [request.path, request.authorization])).toEqual([
      ["/v1/rules", "Bearer tp_sec_abc"],
      [`/v1/rules/rule_1/runs?customerId=${encodeURIComponent(journeyFixture.customerId!)}&limit=1000`, "Bearer tp_sec_abc"],
    ]);
  });

  it("says the runs need the secret key when the page holds none, and asks nothing of the rules API", async () => {
    const { journey, sent } = panel();
    await journey.open(journeyFixture.customerId!, "customer");
    expect(journey.element.querySelector("p.journey-automation")?.textContent).toBe(
      "Automation runs and deliveries need the site's secret key: enter it in Automation rules.",
    );
    expect(sent.map((request) => request.path.split("?")[0])).toEqual([`/v1/journeys/${encodeURIComponent(journeyFixture.customerId!)}`]);
  });
});
