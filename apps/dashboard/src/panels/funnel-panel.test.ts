import { describe, expect, it, vi } from "vitest";
import { funnelFixture } from "../fixtures/funnel.js";
import { panelContext } from "../testing/panel-context.js";
import { tableRows } from "../testing/table-text.js";
import { funnelPanel } from "./funnel-panel.js";

const half = { stages: funnelFixture.stages.map((stage) => ({ ...stage, customers: stage.customers / 2 })) };

describe("funnelPanel", () => {
  it("splits identified customers from anonymous visitors when asked", async () => {
    const { context, sent } = panelContext({
      "/v1/funnel": { status: 200, body: funnelFixture },
      "/v1/funnel?groupBy=identified": {
        status: 200,
        body: {
          groups: [
            { key: "anonymous", ...half },
            { key: "identified", ...half },
          ],
        },
      },
    });
    const funnel = funnelPanel(context);
    document.body.replaceChildren(funnel.element);
    await funnel.load();
    const split = funnel.element.querySelector<HTMLSelectElement>("#funnel-split")!;
    split.value = "identified";
    split.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(funnel.element.querySelector(".funnel-groups")).not.toBeNull());
    expect(sent.map((request) => request.path)).toEqual(["/v1/funnel", "/v1/funnel?groupBy=identified"]);
    expect([...funnel.element.querySelectorAll(".funnel-group h3")].map((heading) => heading.textContent)).toEqual([
      "anonymous",
      "identified",
    ]);
    expect(tableRows(funnel.element, "Customers per stage and group (conversion from the previous stage)")[0]).toEqual([
      "awareness",
      "500",
      "500",
    ]);
  });

  it("splits by the first touch's channel when asked", async () => {
    const { context, sent } = panelContext({
      "/v1/funnel": { status: 200, body: funnelFixture },
      "/v1/funnel?groupBy=channel": { status: 200, body: { groups: [{ key: "email", ...half }] } },
    });
    const funnel = funnelPanel(context);
    document.body.replaceChildren(funnel.element);
    await funnel.load();
    const split = funnel.element.querySelector<HTMLSelectElement>("#funnel-split")!;
    split.value = "channel";
    split.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(funnel.element.querySelector(".funnel-groups")).not.toBeNull());
    expect(sent.map((request) => request.path)).toEqual(["/v1/funnel", "/v1/funnel?groupBy=channel"]);
    expect([...funnel.element.querySelectorAll(".funnel-group h3")].map((heading) => heading.textContent)).toEqual(["email"]);
  });

  it("splits by device type when asked, one funnel per set of device types", async () => {
    const { context, sent } = panelContext({
      "/v1/funnel": { status: 200, body: funnelFixture },
      "/v1/funnel?groupBy=deviceType": {
        status: 200,
        body: {
          groups: [
            { key: "desktop", ...half },
            { key: "desktop+mobile", ...half },
          ],
        },
      },
    });
    const funnel = funnelPanel(context);
    document.body.replaceChildren(funnel.element);
    await funnel.load();
    const split = funnel.element.querySelector<HTMLSelectElement>("#funnel-split")!;
    split.value = "deviceType";
    split.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(funnel.element.querySelector(".funnel-groups")).not.toBeNull());
    expect(sent.map((request) => request.path)).toEqual(["/v1/funnel", "/v1/funnel?groupBy=deviceType"]);
    expect([...funnel.element.querySelectorAll(".funnel-group h3")].map((heading) => heading.textContent)).toEqual([
      "desktop",
      "desktop+mobile",
    ]);
  });
});
