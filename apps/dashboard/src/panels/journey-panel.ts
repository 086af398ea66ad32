import { ApiError } from "../api-client.js";
import type { DashboardContext } from "../context.js";
import { renderJourney } from "../views/journey-view.js";
import { emptyState } from "../views/data-table.js";
import { textField } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export interface JourneyPanel extends Panel {
  /** Shows the journey of a customer id or of an anonymous visitor's id. */
  open(id: string, kind: "customer" | "anonymous"): Promise<void>;
}

export function journeyPanel(context: DashboardContext): JourneyPanel {
  const search = textField("journey-id", "Customer id or anonymous id", "e.g. ada@example.com");
  // Set when a list opens an anonymous visitor, so the page asks for that journey directly.
  let knownAnonymous: string | null = null;
  const panel = createPanel({
    id: "journey",
    title: "Customer journey",
    intro: "Every touchpoint of one person along the stages, the channel of each session, and the rating curve where ratings exist.",
    controls: [search.field],
    onKeyRefused: context.keyRefused,
    async render() {
      const id = search.input.value.trim();
      if (!id) return emptyState("Enter a customer id, or open a customer from the list above.");
      if (knownAnonymous === id) return renderJourney(await context.api.journeyOfAnonymousId(id), context.stages.get());
      try {
        return renderJourney(await context.api.journey(id), context.stages.get());
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
      }
      try {
        return renderJourney(await context.api.journeyOfAnonymousId(id), context.stages.get());
      } catch (error) {
        if (error instanceof ApiError && error.status === 404)
          throw new ApiError(404, "not_found", `No customer or anonymous visitor "${id}".`);
        throw error;
      }
    },
  });
  const heading = panel.element.querySelector("h2");
  heading?.setAttribute("tabindex", "-1");
  return {
    ...panel,
    async open(id, kind) {
      search.input.value = id;
      knownAnonymous = kind === "anonymous" ? id : null;
      await panel.load();
      panel.element.scrollIntoView?.({ block: "start" });
      heading?.focus();
    },
  };
}
