import { ApiError } from "../api-client.js";
import { h, type Child } from "../dom.js";

export interface Panel {
  element: HTMLElement;
  /** Asks the API again with the panel's current controls and shows the answer. */
  load(): Promise<void>;
}

export interface PanelSpec {
  id: string;
  title: string;
  intro: string;
  controls: Child[];
  /** Shown between the controls and the result, e.g. a form of its own. */
  extra?: Child;
  /** The filters the panel's answers are under, in words ("" when none), said above the result. */
  filterNote?: () => string;
  /** Fetches and renders the panel's content. */
  render(): Promise<Node>;
  onKeyRefused(error: ApiError): void;
}

/**
 * A dashboard card: heading, a form of labelled controls (submitting it reloads), a polite status
 * line for loading and errors, and the result. A slow answer that arrives after a newer request
 * is dropped, so the result always matches the controls.
 */
export function createPanel(spec: PanelSpec): Panel {
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const result = h("div", { class: "result", id: `${spec.id}-result` });
  const form = h(
    "form",
    { class: "controls", "aria-label": `${spec.title} options` },
    ...spec.controls,
    h("button", { type: "submit", class: "secondary" }, "Update"),
  );
  const element = h(
    "section",
    { class: "panel", id: spec.id, "aria-labelledby": `${spec.id}-title` },
    h("h2", { id: `${spec.id}-title` }, spec.title),
    h("p", { class: "intro" }, spec.intro),
    form,
    spec.extra,
    status,
    result,
  );
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    status.textContent = "Loading…";
    status.classList.remove("error");
    result.setAttribute("aria-busy", "true");
    try {
      const note = spec.filterNote?.() ?? "";
      const content = await spec.render();
      if (request !== latest) return;
      result.replaceChildren(...(note ? [h("p", { class: "filter-note" }, note)] : []), content);
      status.textContent = "";
    } catch (error) {
      if (request !== latest) return;
      if (error instanceof ApiError && error.isKeyRefused) spec.onKeyRefused(error);
      // What was shown answered other controls: leaving it would pass it off as this answer.
      result.replaceChildren();
      status.textContent = error instanceof Error ? error.message : String(error);
      status.classList.add("error");
    } finally {
      if (request === latest) result.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load();
  });
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement) void load();
  });
  return { element, load };
}
