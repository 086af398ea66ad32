import { beforeEach, describe, expect, it, vi } from "vitest";
import { startDashboard } from "./app.js";
import { attributionFixture } from "./fixtures/attribution.js";
import { customersFixture } from "./fixtures/customers.js";
import { funnelFixture } from "./fixtures/funnel.js";
import { journeyFixture } from "./fixtures/journey.js";
import { momentsFixture } from "./fixtures/moments.js";
import { tableRows } from "./testing/table-text.js";

type Answer = { status: number; body: unknown };
/** An answer worked out from the request (its query), or one that arrives when the test says. */
type Answering = Answer | ((url: URL) => Answer | Promise<Answer>);

/** The query API as the dashboard sees it: answers by path, and a log of what was asked. */
function queryApi(answers: Record<string, Answering>) {
  const requests: { path: string; authorization: string; site?: string }[] = [];
  const fetchDouble: typeof fetch = async (input, init) => {
    const url = new URL(String(input), "http://collector.test");
    const path = url.pathname + url.search;
    const headers = init?.headers as Record<string, string> | undefined;
    requests.push({ path, authorization: headers?.Authorization ?? "", site: headers?.["Touchpoint-Site"] });
    const answering = answers[path] ??
      answers[url.pathname] ?? { status: 404, body: { error: { code: "not_found", message: `no ${url.pathname}` } } };
    const answer = typeof answering === "function" ? await answering(url) : answering;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
  };
  return { fetch: fetchDouble, requests };
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const threeStageFunnel = {
  ...funnelFixture,
  stages: funnelFixture.stages.slice(0, 3).map((stage, index) => ({ ...stage, stage: ["acquisition", "purchase", "retention"][index] })),
};
const FIXTURE_API = {
  "/v1/funnel": ok(funnelFixture),
  "/v1/attribution": ok(attributionFixture),
  "/v1/moments-of-truth": ok(momentsFixture),
  "/v1/customers": ok(customersFixture),
  "/v1/customers?identified=true&stage=consideration&stalledDays=14&limit=1000&cursor=cursor-2": ok({ customers: [], nextCursor: null }),
  "/v1/customers?channel=email&trait.persona=trail_runner&identified=true&stage=consideration&stalledDays=14&limit=1000&cursor=cursor-2":
    ok({
      customers: [],
      nextCursor: null,
    }),
  "/v1/journeys/ada%40example.com": ok(journeyFixture),
  "/v1/site": ok({
    id: "site_1",
    name: "Trail shop",
    createdAt: "2026-01-01T00:00:00.000Z",
    currency: "EUR",
    stageModels: [
      { name: "site", stages: ["awareness", "consideration", "evaluation", "purchase", "loyalty"], conversions: ["purchase"] },
      { name: "three_stage", stages: ["acquisition", "purchase", "retention"], conversions: ["purchase"] },
    ],
  }),
};
const NOW = () => new Date("2026-03-15T12:00:00.000Z");

/** The fixture API whose three-stage funnel comes when the test releases it, as a slow build from events would. */
function slowThreeStageFunnel(): { answers: Record<string, Answering>; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const funnel = async (url: URL) => {
    if (url.searchParams.get("stageModel") !== "three_stage") return ok(funnelFixture);
    await released;
    return ok(threeStageFunnel);
  };
  return { answers: { ...FIXTURE_API, "/v1/funnel": funnel }, release };
}

function start(answers: Record<string, Answering>) {
  const api = queryApi(answers);
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  startDashboard(root, window, { fetch: api.fetch, now: NOW });
  return { root, requests: api.requests };
}

describe("startDashboard", () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, "", "/dashboard");
  });

  it("takes the period from the link, compares it with the one before, and keeps a new choice in the link", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    history.replaceState(null, "", "/dashboard?from=2026-03-01&to=2026-03-07&compare=1");
    const previousFunnel = { stages: funnelFixture.stages.map((stage) => ({ ...stage, customers: stage.customers / 2 })) };
    const { root, requests } = start({
      ...FIXTURE_API,
      "/v1/funnel?from=2026-02-22T00%3A00%3A00.000Z&to=2026-03-01T00%3A00%3A00.000Z": ok(previousFunnel),
    });
    await vi.waitFor(() => expect(root.querySelector("#funnel-result table")).not.toBeNull());
    expect(root.querySelector("#period-label")?.textContent).toBe(
      "Showing 2026-03-01 – 2026-03-07 (7 UTC days), compared with 2026-02-22 – 2026-02-28 (7 UTC days)",
    );
    expect(requests.map((request) => request.path).filter((path) => path.startsWith("/v1/funnel"))).toEqual([
      "/v1/funnel?from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-08T00%3A00%3A00.000Z",
      "/v1/funnel?from=2026-02-22T00%3A00%3A00.000Z&to=2026-03-01T00%3A00%3A00.000Z",
    ]);
    expect(tableRows(root.querySelector("#funnel-result")!)[0]!.slice(0, 4)).toEqual(["awareness", "1,000", "500", "+500 (+100.0%)"]);
    expect((root.querySelector("#period-preset") as HTMLSelectElement).value).toBe("custom");

    const preset = root.querySelector<HTMLSelectElement>("#period-preset")!;
    preset.value = "7d";
    preset.dispatchEvent(new Event("change", { bubbles: true }));
    expect(location.search).toBe("?from=2026-03-09&to=2026-03-15&compare=1");
    await vi.waitFor(() =>
      expect(
        requests.some((request) =>
          request.path.startsWith("/v1/moments-of-truth?from=2026-03-09T00%3A00%3A00.000Z&to=2026-03-16T00%3A00%3A00.000Z"),
        ),
      ).toBe(true),
    );
  });

  it("reads every report and the open journey through the stage model chosen, its stages in every stage menu, and filters by device type", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    history.replaceState(null, "", "/dashboard?from=2026-03-01&to=2026-03-07&stageModel=aida");
    const { answers, release } = slowThreeStageFunnel();
    const { root, requests } = start(answers);
    // A model the API does not know reads as the site's own, and leaves the link.
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07");
    await vi.waitFor(() => expect(root.querySelector("#stalled-result table")).not.toBeNull());
    const models = root.querySelector<HTMLSelectElement>("#filter-stage-model")!;
    expect([...models.options].map((option) => [option.value, option.textContent])).toEqual([
      ["", "This site's (5 stages)"],
      ["three_stage", "Three-stage (3 stages)"],
    ]);
    requests.length = 0;
    models.value = "three_stage";
    models.dispatchEvent(new Event("change", { bubbles: true }));
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&stageModel=three_stage");
    for (const menu of ["#moments-stage", "#stalled-stage"]) {
      expect([...root.querySelectorAll<HTMLOptionElement>(`${menu} option`)].map((option) => option.value)).toEqual([
        "acquisition",
        "purchase",
        "retention",
      ]);
    }
    expect(root.querySelector("#filter-state")?.textContent).toBe(
      "No filters: every panel counts everyone. Stages of the Three-stage model, worked out from the events for each report: slower on a large site.",
    );
    // The funnel first: the other panels wait for it, which the collector builds the model's journeys for.
    await vi.waitFor(() => expect(requests.map((request) => request.path.split("?")[0])).toEqual(["/v1/funnel"]));
    release();
    const reports = ["/v1/funnel", "/v1/attribution", "/v1/moments-of-truth", "/v1/customer-value", "/v1/paths", "/v1/customers"];
    await vi.waitFor(() => expect(reports.every((report) => requests.some((request) => request.path.startsWith(`${report}?`)))).toBe(true));
    expect(requests.filter((request) => request.path.startsWith("/v1/") && !request.path.includes("stageModel=three_stage"))).toEqual([]);
    expect(requests.find((request) => request.path.startsWith("/v1/moments-of-truth?"))?.path).toContain("stage=acquisition");
    await vi.waitFor(() => expect(root.querySelector("#funnel-result .filter-note")?.textContent).toBe("Stages of the Three-stage model."));
    // No people are filtered out: spend still prices the channels.
    expect(root.querySelector("#attribution-result .spend-note")).toBeNull();

    const journeyInput = root.querySelector<HTMLInputElement>("#journey-id")!;
    journeyInput.value = "ada@example.com";
    requests.length = 0;
    journeyInput.form!.requestSubmit();
    await vi.waitFor(() =>
      expect(requests.map((request) => request.path)).toContain("/v1/journeys/ada%40example.com?stageModel=three_stage"),
    );

    const devices = root.querySelector<HTMLSelectElement>("#filter-device")!;
    devices.value = "mobile";
    devices.dispatchEvent(new Event("change", { bubbles: true }));
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&deviceType=mobile&stageModel=three_stage");
    expect(root.querySelector("#filter-state")?.textContent).toMatch(
      /^Filtered to people with device mobile\. Every panel counts only them\. Stages/,
    );

    requests.length = 0;
    root.querySelector<HTMLButtonElement>("#filter-clear")!.click();
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07");
    expect(models.value).toBe("");
    expect([...root.querySelectorAll<HTMLOptionElement>("#moments-stage option")].map((option) => option.value)).toEqual([
      "awareness",
      "consideration",
      "evaluation",
      "purchase",
      "loyalty",
    ]);
    await vi.waitFor(() => expect(requests.filter((request) => request.path.startsWith("/v1/")).length).toBeGreaterThanOrEqual(6));
    expect(requests.filter((request) => /stageModel=|deviceType=/.test(request.path))).toEqual([]);
  });

  it("keeps the stage menus of the model chosen last when a slower answer for the one before arrives after it", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    history.replaceState(null, "", "/dashboard?from=2026-03-01&to=2026-03-07");
    const { answers, release } = slowThreeStageFunnel();
    const { root, requests } = start(answers);
    await vi.waitFor(() => expect(root.querySelector("#stalled-result table")).not.toBeNull());
    const models = root.querySelector<HTMLSelectElement>("#filter-stage-model")!;
    const choose = (value: string) => {
      models.value = value;
      models.dispatchEvent(new Event("change", { bubbles: true }));
    };
    choose("three_stage");
    choose("");
    await vi.waitFor(() => expect(root.querySelector("#funnel-result .filter-note")).toBeNull());
    requests.length = 0;
    release();
    await vi.waitFor(() => expect(requests.some((request) => request.path.startsWith("/v1/moments-of-truth?"))).toBe(true));
    const menu = () => [...root.querySelectorAll<HTMLOptionElement>("#moments-stage option")].map((option) => option.value);
    expect(menu()).toEqual(["awareness", "consideration", "evaluation", "purchase", "loyalty"]);
    expect(requests.filter((request) => request.path.includes("stageModel="))).toEqual([]);
  });

  it("sends the filters of the link to every report and the customer list, and clears them from the link and the requests", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    history.replaceState(null, "", "/dashboard?from=2026-03-01&to=2026-03-07&channel=email&trait.persona=trail_runner");
    const { root, requests } = start(FIXTURE_API);
    await vi.waitFor(() => expect(root.querySelector("#stalled-result table")).not.toBeNull());
    await vi.waitFor(() => expect(root.querySelector("#attribution-result table")).not.toBeNull());
    const segment = "channel=email&trait.persona=trail_runner";
    const reports = ["/v1/funnel", "/v1/attribution", "/v1/moments-of-truth", "/v1/customer-value", "/v1/paths", "/v1/customers"];
    for (const report of reports) {
      const asked = requests.filter((request) => request.path.startsWith(`${report}?`)).map((request) => request.path);
      expect(asked.length, report).toBeGreaterThan(0);
      expect(
        asked.filter((path) => !path.includes(segment)),
        report,
      ).toEqual([]);
    }
    expect((root.querySelector("#filter-channel") as HTMLSelectElement).value).toBe("email");
    // The attribution answer (by campaign here) names campaigns to suggest, "(none)" aside.
    expect([...root.querySelectorAll<HTMLOptionElement>("#filter-campaign-list option")].map((option) => option.value)).toEqual([
      "<img src=x onerror=alert(1)>",
      "newsletter_march",
      "spring_sale",
    ]);
    expect(root.querySelector("#filter-campaign")?.getAttribute("list")).toBe("filter-campaign-list");
    expect((root.querySelector("#filter-trait") as HTMLInputElement).value).toBe("persona=trail_runner");
    expect(root.querySelector("#filter-state")?.textContent).toBe(
      "Filtered to people with channel email · persona = trail_runner. Every panel counts only them.",
    );
    expect(root.querySelector("#funnel-result .filter-note")?.textContent).toBe("Only people with channel email · persona = trail_runner.");
    expect(root.querySelector("#stalled-result .filter-note")?.textContent).toBe(
      "Only people with channel email · persona = trail_runner.",
    );
    expect(root.querySelector("#attribution-result .spend-note")?.textContent).toBe(
      "Filtered: cost, ROAS and CAC stay empty, as spend is recorded for everyone and not per segment.",
    );

    // A campaign typed in is added; a trait that is not KEY=VALUE is refused, naming what was typed.
    (root.querySelector("#filter-campaign") as HTMLInputElement).value = "spring_sale";
    (root.querySelector("#filter-trait") as HTMLInputElement).value = "trail_runner";
    root.querySelector<HTMLFormElement>("#filters form")!.requestSubmit();
    expect(root.querySelector("#filter-state")?.textContent).toBe(
      'The trait filter must read KEY=VALUE, e.g. persona=trail_runner (not "trail_runner").',
    );
    expect(root.querySelector("#filter-trait")?.getAttribute("aria-invalid")).toBe("true");
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&channel=email&trait.persona=trail_runner");
    (root.querySelector("#filter-trait") as HTMLInputElement).value = "plan=pro";
    root.querySelector<HTMLFormElement>("#filters form")!.requestSubmit();
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&channel=email&campaign=spring_sale&trait.plan=pro");
    await vi.waitFor(() =>
      expect(requests.some((request) => request.path.startsWith("/v1/customers?channel=email&campaign=spring_sale&trait.plan=pro&"))).toBe(
        true,
      ),
    );

    requests.length = 0;
    root.querySelector<HTMLButtonElement>("#filter-clear")!.click();
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07");
    expect(root.querySelector("#filter-state")?.textContent).toBe("No filters: every panel counts everyone.");
    expect(root.querySelector<HTMLButtonElement>("#filter-clear")!.hidden).toBe(true);
    await vi.waitFor(() => expect(requests.filter((request) => request.path.startsWith("/v1/")).length).toBeGreaterThanOrEqual(6));
    expect(requests.filter((request) => /channel=|campaign=|trait\./.test(request.path))).toEqual([]);
  });

  it("with the admin token, lists the sites, opens the one picked, keeps its id in the link and switches in the header", async () => {
    const sites = [
      { id: "site_1", name: "Trail shop", createdAt: "2026-01-01T00:00:00.000Z" },
      { id: "site_2", name: "Ski shop", createdAt: "2026-02-01T00:00:00.000Z" },
    ];
    history.replaceState(null, "", "/dashboard?from=2026-03-01&to=2026-03-07#key=tp_admin_token");
    const { root, requests } = start({ ...FIXTURE_API, "/v1/admin/sites": ok(sites) });
    await vi.waitFor(() => expect(root.querySelector("#site-pick")).not.toBeNull());
    expect([...root.querySelectorAll("#site-pick option")].map((option) => [option.getAttribute("value"), option.textContent])).toEqual([
      ["site_1", "Trail shop (site_1)"],
      ["site_2", "Ski shop (site_2)"],
    ]);
    expect(requests).toEqual([{ path: "/v1/admin/sites", authorization: "Bearer tp_admin_token", site: undefined }]);

    root.querySelector<HTMLSelectElement>("#site-pick")!.value = "site_2";
    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await vi.waitFor(() => expect(root.querySelector("#funnel-result table")).not.toBeNull());
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&site=site_2");
    const reads = requests.filter((request) => request.path !== "/v1/admin/sites");
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((request) => request.site !== "site_2" || request.authorization !== "Bearer tp_admin_token")).toEqual([]);

    requests.length = 0;
    const switcher = root.querySelector<HTMLSelectElement>("#site-switch")!;
    expect(switcher.value).toBe("site_2");
    switcher.value = "site_1";
    switcher.dispatchEvent(new Event("change"));
    expect(location.search).toBe("?from=2026-03-01&to=2026-03-07&site=site_1");
    await vi.waitFor(() => expect(root.querySelector("#funnel-result table")).not.toBeNull());
    expect(requests.some((request) => request.path.startsWith("/v1/funnel"))).toBe(true);
    expect(requests.filter((request) => request.site !== "site_1")).toEqual([]);
  });

  it("opens the site the link names for the admin token, and says so when no site has that id", async () => {
    const sites = [{ id: "site_1", name: "Trail shop", createdAt: "2026-01-01T00:00:00.000Z" }];
    history.replaceState(null, "", "/dashboard?site=site_9#key=tp_admin_token");
    const { root } = start({ ...FIXTURE_API, "/v1/admin/sites": ok(sites) });
    await vi.waitFor(() => expect(root.querySelector("#site-pick")).not.toBeNull());
    expect(root.querySelector("[role=alert]")?.textContent).toBe('No site has the id "site_9".');

    sessionStorage.clear();
    history.replaceState(null, "", "/dashboard?site=site_1#key=tp_admin_token");
    const linked = start({ ...FIXTURE_API, "/v1/admin/sites": ok(sites) });
    await vi.waitFor(() => expect(linked.root.querySelector("#funnel-result table")).not.toBeNull());
    expect(linked.root.querySelector<HTMLSelectElement>("#site-switch")!.value).toBe("site_1");
  });

  it("asks again when the admin token is refused", async () => {
    history.replaceState(null, "", "/dashboard#key=tp_admin_old");
    const { root } = start({
      "/v1/admin/sites": { status: 401, body: { error: { code: "unknown_admin_token", message: "this is not the current admin token" } } },
    });
    await vi.waitFor(() => expect(root.querySelector("[role=alert]")).not.toBeNull());
    expect(root.querySelector("[role=alert]")?.textContent).toBe("The admin token was refused (this is not the current admin token).");
    expect(sessionStorage.getItem("touchpoint.readKey")).toBeNull();
  });

  it("asks for the read key when it has none", () => {
    const { root, requests } = start(FIXTURE_API);
    expect(root.querySelector("label[for=read-key]")?.textContent).toBe("Read key or admin token");
    expect(root.querySelector("#read-key")?.getAttribute("type")).toBe("password");
    expect(requests).toEqual([]);
  });

  it("opens with the key from the link, loads every panel with it, and drops the key from the address", async () => {
    history.replaceState(null, "", "/dashboard#key=rk_link");
    const { root, requests } = start(FIXTURE_API);
    expect(location.hash).toBe("");
    await vi.waitFor(() => expect(root.querySelector("#stalled-result table")).not.toBeNull());
    await vi.waitFor(() => expect(root.querySelector("#attribution-result table")).not.toBeNull());
    await vi.waitFor(() => expect(root.querySelector("#moments-result table")).not.toBeNull());
    // The last 30 UTC days by default, through the day of NOW, on every period-bound panel.
    const period = "from=2026-02-14T00%3A00%3A00.000Z&to=2026-03-16T00%3A00%3A00.000Z";
    expect(requests.map((request) => request.path).sort()).toEqual([
      `/v1/attribution?${period}&groupBy=channel&conversion=purchase&lookbackDays=30&model=linear`,
      `/v1/customer-value?${period}&groupBy=channel`,
      "/v1/customers?identified=true&stage=consideration&stalledDays=14&limit=1000",
      "/v1/customers?identified=true&stage=consideration&stalledDays=14&limit=1000&cursor=cursor-2",
      `/v1/funnel?${period}`,
      `/v1/moments-of-truth?${period}&stage=evaluation&withinDays=7`,
      `/v1/paths?${period}&conversion=purchase&groupBy=channel&transform=exposure&limit=10&lookbackDays=30`,
      "/v1/site",
    ]);
    expect(root.querySelector("#site-name")?.textContent).toBe("Site: Trail shop · money in EUR");
    expect(root.querySelector("#period-label")?.textContent).toBe("Showing 2026-02-14 – 2026-03-15 (30 UTC days)");
    expect(location.search).toBe("?from=2026-02-14&to=2026-03-15");
    expect(new Set(requests.map((request) => request.authorization))).toEqual(new Set(["Bearer rk_link"]));
    expect(tableRows(root.querySelector("#funnel-result")!)[0]).toEqual([
      "awareness",
      "1,000",
      "–",
      "–",
      "1.5 d",
      "6.3 d",
      "180",
      "CustomersVisitors",
    ]);
    expect(root.querySelector("#filter-state")?.textContent).toBe("No filters: every panel counts everyone.");
    expect([...root.querySelectorAll<HTMLOptionElement>("#attribution-conversion option")].map((option) => option.value)).toEqual([
      "purchase",
      "stage:consideration",
      "stage:evaluation",
      "stage:purchase",
      "stage:loyalty",
    ]);
  });

  it("opens a stalled customer's journey from the list", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    const { root } = start(FIXTURE_API);
    const open = await vi.waitFor(() => {
      const button = root.querySelector<HTMLButtonElement>('#stalled-result button[aria-label="Open the journey of ada@example.com"]');
      if (!button) throw new Error("not yet");
      return button;
    });
    open.click();
    await vi.waitFor(() => expect(root.querySelector("#journey-result h3")?.textContent).toBe("Customer ada@example.com"));
    expect((root.querySelector("#journey-id") as HTMLInputElement).value).toBe("ada@example.com");
    expect(root.querySelectorAll("#journey-result circle.dot")).toHaveLength(10);
  });

  it("looks an id up as an anonymous id when no customer has it", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    const anonymous = { ...journeyFixture, customerId: null };
    const { root, requests } = start({ ...FIXTURE_API, "/v1/journeys?anonymousId=anon-phone": ok(anonymous) });
    await vi.waitFor(() => expect(root.querySelector("#journey-result .empty")).not.toBeNull());
    const input = root.querySelector<HTMLInputElement>("#journey-id")!;
    input.value = "anon-phone";
    input.form!.requestSubmit();
    await vi.waitFor(() => expect(root.querySelector("#journey-result h3")?.textContent).toBe("Anonymous visitor anon-laptop"));
    expect(requests.map((request) => request.path).filter((path) => path.startsWith("/v1/journeys"))).toEqual([
      "/v1/journeys/anon-phone",
      "/v1/journeys?anonymousId=anon-phone",
    ]);
  });

  it("says plainly when neither a customer nor a visitor has the id", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    const { root } = start(FIXTURE_API);
    await vi.waitFor(() => expect(root.querySelector("#journey-result .empty")).not.toBeNull());
    const input = root.querySelector<HTMLInputElement>("#journey-id")!;
    input.value = "nobody";
    input.form!.requestSubmit();
    await vi.waitFor(() => expect(root.querySelector("#journey .status")?.textContent).toBe('No customer or anonymous visitor "nobody".'));
  });

  it("forgets a refused key and asks again, saying why", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_wrong");
    const refused: Answer = { status: 401, body: { error: { code: "unauthorized", message: "unknown read key" } } };
    const { root } = start({ "/v1/funnel": refused });
    await vi.waitFor(() =>
      expect(root.querySelector("[role=alert]")?.textContent).toBe(
        "The read key was refused (unknown read key). Enter a read key for this site.",
      ),
    );
    expect(sessionStorage.getItem("touchpoint.readKey")).toBeNull();
  });

  it("keeps a key typed into the form for this tab", async () => {
    const { root, requests } = start(FIXTURE_API);
    root.querySelector<HTMLInputElement>("#read-key")!.value = " rk_typed ";
    root.querySelector("form")!.requestSubmit();
    expect(sessionStorage.getItem("touchpoint.readKey")).toBe("rk_typed");
    await vi.waitFor(() =>
      expect(requests[0]).toEqual({
        path: "/v1/funnel?from=2026-02-14T00%3A00%3A00.000Z&to=2026-03-16T00%3A00%3A00.000Z",
        authorization: "Bearer rk_typed",
      }),
    );
  });

  it("labels every control", async () => {
    sessionStorage.setItem("touchpoint.readKey", "rk_kept");
    const { root } = start(FIXTURE_API);
    const controls = [...root.querySelectorAll("input, select")];
    expect(controls.length).toBe(40);
    for (const control of controls) expect(root.querySelector(`label[for="${control.id}"]`)?.textContent, control.id).toBeTruthy();
  });
});
