import { ApiError, createSecretApiClient } from "../api-client.js";
import type { Journey } from "../api-types.js";
import type { DashboardContext } from "../context.js";
import { h } from "../dom.js";
import { renderJourneyAutomation } from "../views/journey-automation-view.js";
import { renderJourney } from "../views/journey-view.js";
import { emptyState } from "../views/data-table.js";
import { textField } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export interface JourneyPanel extends Panel {
  /** Shows the journey of a customer id or of an anonymous visitor's id. */
  open(id: string, kind: "customer" | "anonymous"): Promise<void>;
}

/** The person's automation runs across every rule, when the secret key is known (runs are listed by customer id). */
async function automationOf(context: DashboardContext, customerId: string): Promise<HTMLElement> {
  const key = context.secretKey.get();
  if (!key)
    return h(
      "p",
      { class: "hint journey-automation" },
      "Automation runs and deliveries need the site's secret key: enter it in Automation rules.",
    );
  try {
    const secret = createSecretApiClient(key, context.fetch);
    const rules = await secret.rules();
    const runs = await Promise.all(
      rules.map(async (rule) => (await secret.runs(rule.id, customerId)).map((run) => ({ ruleName: rule.name, run }))),
    );
    return renderJourneyAutomation(runs.flat());
  } catch (error) {
    return h(
      "p",
      { class: "status error journey-automation" },
      `Automation runs: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
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
      const show = async (journey: Journey) => {
        const article = renderJourney(journey, context.stages.get());
        if (journey.customerId && journey.touchpoints.length > 0) article.append(await automationOf(context, journey.customerId));
        return article;
      };
      const { stageModel } = context.filters();
      if (knownAnonymous === id) return show(await context.api.journeyOfAnonymousId(id, stageModel));
      try {
        return await show(await context.api.journey(id, stageModel));
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
      }
      try {
        return await show(await context.api.journeyOfAnonymousId(id, stageModel));
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
