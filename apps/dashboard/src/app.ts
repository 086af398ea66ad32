import { ApiError, createApiClient, listSites } from "./api-client.js";
import type { AdminSite, SiteInfo } from "./api-types.js";
import { createStageList, DEFAULT_STAGES, type DashboardContext } from "./context.js";
import { h } from "./dom.js";
import { attributionPanel } from "./panels/attribution-panel.js";
import { customerValuePanel } from "./panels/customer-value-panel.js";
import { pathsPanel } from "./panels/paths-panel.js";
import { rulesPanel } from "./panels/rules-panel.js";
import { funnelPanel } from "./panels/funnel-panel.js";
import { journeyPanel } from "./panels/journey-panel.js";
import { momentsPanel } from "./panels/moments-panel.js";
import { stalledPanel } from "./panels/stalled-panel.js";
import { filterBar } from "./filter-bar.js";
import { periodBar } from "./period-bar.js";
import { isFiltered, segmentNote, segmentParams } from "./segment.js";
import { forgetReadKey, saveReadKey, takeReadKey } from "./read-key.js";
import { createSecretKey } from "./secret-key.js";
import { isAdminToken, keepSiteInLink, siteInLink, sitePicker, siteSwitcher } from "./site-choice.js";

export interface DashboardOptions {
  /** The fetch the API client uses; the browser's by default. */
  fetch?: typeof fetch;
  now?: () => Date;
}

function keyForm(root: HTMLElement, win: Window, options: DashboardOptions, problem?: string): void {
  const input = h("input", {
    id: "read-key",
    name: "read-key",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "read-key-hint",
  });
  const form = h(
    "form",
    { class: "key-form", "aria-labelledby": "key-form-title" },
    h("h1", { id: "key-form-title" }, "Touchpoint dashboard"),
    h(
      "p",
      { id: "read-key-hint", class: "intro" },
      "Enter the site's read key, or the admin token to choose among every site. It is kept in this tab only and sent to this collector's query API.",
    ),
    problem ? h("p", { class: "error", role: "alert" }, problem) : null,
    h("div", { class: "field" }, h("label", { for: "read-key" }, "Read key or admin token"), input),
    h("button", { type: "submit", class: "primary" }, "Open dashboard"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    saveReadKey(win, key);
    openWithKey(root, win, key, options);
  });
  root.replaceChildren(h("main", { class: "key-screen" }, form));
  input.focus();
}

/** The admin token's sites and the one shown. */
interface AdminChoice {
  sites: readonly AdminSite[];
  siteId: string;
}

/**
 * The admin token lists the sites first: the dashboard opens on the site the link names, else
 * after the analyst picks one.
 */
async function openAsAdmin(root: HTMLElement, win: Window, token: string, options: DashboardOptions): Promise<void> {
  let sites: AdminSite[];
  try {
    sites = await listSites(token, options.fetch);
  } catch (error) {
    forgetReadKey(win);
    const why = error instanceof ApiError && error.isKeyRefused ? "The admin token was refused" : "The sites could not be listed";
    keyForm(root, win, options, `${why} (${error instanceof Error ? error.message : String(error)}).`);
    return;
  }
  const open = (siteId: string) => {
    keepSiteInLink(win, siteId);
    showDashboard(root, win, token, options, { sites, siteId });
  };
  const linked = siteInLink(win);
  if (linked !== null && sites.some((site) => site.id === linked)) return open(linked);
  root.replaceChildren(sitePicker(sites, open, linked === null ? undefined : `No site has the id ${JSON.stringify(linked)}.`));
  root.querySelector<HTMLElement>("#site-pick")?.focus();
}

function openWithKey(root: HTMLElement, win: Window, key: string, options: DashboardOptions): void {
  if (isAdminToken(key)) void openAsAdmin(root, win, key, options);
  else showDashboard(root, win, key, options);
}

function showDashboard(root: HTMLElement, win: Window, readKey: string, options: DashboardOptions, admin?: AdminChoice): void {
  let refused = false;
  let site: SiteInfo | null = null;
  const now = options.now ?? (() => new Date());
  /** The panels that ask in the funnel's stages, once it has named them. */
  function loadAfterFunnel(): void {
    if (refused) return;
    void attribution.load();
    void moments.load();
    void value.load();
    void paths.load();
    void stalled.load();
    void journey.load();
  }
  const reloadReports = () => {
    void funnel.load();
    void attribution.load();
    void moments.load();
    void value.load();
    void paths.load();
  };
  // The customer list is as of now; the period only changes how many of it arrived in the period.
  const bar = periodBar(win, now, () => {
    reloadReports();
    void stalled.load();
  });
  // The customer list is not bound to the period, but is to the filters; a journey only to the stage model.
  let stageModel: string | undefined;
  const filters = filterBar(win, () => {
    const chosen = filters.segment().stageModel;
    if (chosen === stageModel) {
      reloadReports();
      void stalled.load();
      return;
    }
    stageModel = chosen;
    // The stage menus follow the model before any panel asks in its stages: from the site's list,
    // else from the funnel's answer. The funnel goes first, so the collector builds the model's
    // journeys once for every panel after it.
    const listed = site?.stageModels.find((model) => model.name === (chosen || "site"));
    if (listed) context.stages.set(listed.stages);
    void funnel.load().then(loadAfterFunnel);
  });
  stageModel = filters.segment().stageModel;
  const context: DashboardContext = {
    api: createApiClient(readKey, options.fetch, admin?.siteId),
    period: bar.period,
    previousPeriod: bar.previousPeriod,
    filters: () => segmentParams(filters.segment()),
    filtered: () => isFiltered(filters.segment()),
    filterNote: () => segmentNote(filters.segment()),
    offerKeys: filters.offerKeys,
    stages: createStageList(DEFAULT_STAGES),
    site: () => site,
    secretKey: createSecretKey(),
    openJourney: (id, kind) => void journey.open(id, kind),
    showPeopleAt: (stage, identified) => void stalled.showStage(stage, identified),
    keyRefused(error: ApiError) {
      if (refused) return;
      refused = true;
      forgetReadKey(win);
      keyForm(
        root,
        win,
        options,
        admin
          ? `The admin token was refused (${error.message}). Enter the admin token or a read key.`
          : `The read key was refused (${error.message}). Enter a read key for this site.`,
      );
    },
    now,
    fetch: options.fetch,
  };
  const funnel = funnelPanel(context);
  // The page's first numbers: asked before the other panels and the header are even built.
  const funnelShown = funnel.load();
  const attribution = attributionPanel(context);
  const moments = momentsPanel(context);
  const value = customerValuePanel(
    context,
    () => ({ from: bar.choice().from, to: bar.choice().to }),
    () => {
      void value.load();
      void attribution.load();
    },
  );
  const paths = pathsPanel(context);
  const stalled = stalledPanel(context);
  const journey = journeyPanel(context);
  const rules = rulesPanel(context);
  // What the secret key opens: rules, the spend listed under attribution, an open journey's runs.
  context.secretKey.subscribe(() => {
    void rules.load();
    void attribution.load();
    void journey.load();
  });
  const siteName = h("p", { class: "site-name", id: "site-name" }, "Site: …");
  const loadSite = () =>
    context.api.site().then(
      (answer) => {
        site = answer;
        filters.offerStageModels(answer.stageModels);
        siteName.replaceChildren("Site: ", h("strong", {}, answer.name), answer.currency ? ` · money in ${answer.currency}` : "");
        siteName.setAttribute("title", answer.id);
      },
      // Not worth failing the page over (a refused key shows in the panels): the header just says less.
      () => siteName.replaceChildren("Site: unknown"),
    );

  const forget = h("button", { type: "button", class: "ghost" }, admin ? "Forget admin token" : "Forget read key");
  forget.addEventListener("click", () => {
    refused = true;
    forgetReadKey(win);
    keyForm(root, win, options);
  });

  root.replaceChildren(
    h("a", { class: "skip-link", href: "#journey" }, "Skip to the customer journey"),
    h(
      "header",
      { class: "topbar" },
      h("div", { class: "topbar-title" }, h("p", { class: "brand" }, "Touchpoint ", h("span", {}, "journeys")), siteName, bar.label),
      bar.form,
      admin
        ? siteSwitcher(admin.sites, admin.siteId, (siteId) => {
            // The old dashboard's answers still on their way land in detached panels.
            refused = true;
            keepSiteInLink(win, siteId);
            showDashboard(root, win, readKey, options, { ...admin, siteId });
          })
        : null,
      forget,
      filters.element,
    ),
    h(
      "main",
      { class: "dashboard" },
      h("h1", { class: "visually-hidden" }, "Touchpoint dashboard"),
      funnel.element,
      h("div", { class: "columns" }, attribution.element, moments.element),
      value.element,
      paths.element,
      stalled.element,
      rules.element,
      journey.element,
    ),
  );
  // The funnel names the site's stages; the stage selectors of the other panels follow it.
  void Promise.all([funnelShown, loadSite()]).then(() => {
    loadAfterFunnel();
    if (!refused) void rules.load();
  });
}

/**
 * Starts the dashboard in `root`: the key form first unless the link or this tab has a read key.
 * A key link pasted into an open tab only changes the fragment, so that is watched too.
 */
export function startDashboard(root: HTMLElement, win: Window, options: DashboardOptions = {}): void {
  const readKey = takeReadKey(win);
  if (readKey) openWithKey(root, win, readKey, options);
  else keyForm(root, win, options);
  win.addEventListener("hashchange", () => {
    if (!new URLSearchParams(win.location.hash.replace(/^#/, "")).has("key")) return;
    const linked = takeReadKey(win);
    if (linked) openWithKey(root, win, linked, options);
  });
}
