/**
 * Which site an admin token reads: the token opens every site, so the analyst picks one, and the
 * choice is kept in the link (`?site=<site id>`, never a key) so a shared view opens the same site.
 */
import type { AdminSite } from "./api-types.js";
import { h } from "./dom.js";

/** Admin tokens are made by `touchpoint admin-token` and start so; read keys never do. */
export const isAdminToken = (key: string): boolean => key.startsWith("tp_admin_");

export function siteInLink(win: Window): string | null {
  return new URLSearchParams(win.location.search).get("site") || null;
}

export function keepSiteInLink(win: Window, siteId: string): void {
  const search = new URLSearchParams(win.location.search);
  search.set("site", siteId);
  win.history.replaceState(win.history.state, "", `${win.location.pathname}?${search.toString()}${win.location.hash}`);
}

const siteOptions = (sites: readonly AdminSite[]) => sites.map((site) => h("option", { value: site.id }, `${site.name} (${site.id})`));

/** The screen before the dashboard: every site, one to open. `problem` says why it is shown again. */
export function sitePicker(sites: readonly AdminSite[], onPick: (siteId: string) => void, problem?: string): HTMLElement {
  const select = h("select", { id: "site-pick", name: "site-pick", required: true }, ...siteOptions(sites));
  const form = h(
    "form",
    { class: "key-form", "aria-labelledby": "site-pick-title" },
    h("h1", { id: "site-pick-title" }, "Choose a site"),
    h("p", { class: "intro" }, `The admin token opens every site of this collector (${sites.length}). Pick the one to show.`),
    problem ? h("p", { class: "error", role: "alert" }, problem) : null,
    sites.length === 0
      ? h("p", { class: "error", role: "alert" }, "This collector has no site yet: create one with `touchpoint sites create`.")
      : h("div", { class: "field" }, h("label", { for: "site-pick" }, "Site"), select),
    h("button", { type: "submit", class: "primary", disabled: sites.length === 0 }, "Open site"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (select.value) onPick(select.value);
  });
  return h("main", { class: "key-screen" }, form);
}

/** The header's site switcher: another site reopens the dashboard on it. */
export function siteSwitcher(sites: readonly AdminSite[], current: string, onPick: (siteId: string) => void): HTMLElement {
  const select = h("select", { id: "site-switch", name: "site-switch" }, ...siteOptions(sites));
  select.value = current;
  select.addEventListener("change", () => onPick(select.value));
  return h("div", { class: "field site-switch" }, h("label", { for: "site-switch" }, "Site"), select);
}
