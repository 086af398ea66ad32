import { ApiError, createSecretApiClient } from "../api-client.js";
import type { DashboardContext } from "../context.js";
import { h } from "../dom.js";
import { emptyState } from "../views/data-table.js";
import { renderRules } from "../views/rules-view.js";
import { createPanel, type Panel } from "./panel.js";

/**
 * Automation rules and what they did (GET /v1/rule-activity). Rules are read with the site's
 * secret key, as spend is recorded: typed here, held in the page's memory only (secret-key.ts).
 */
export function rulesPanel(context: DashboardContext): Panel {
  const secret = h("input", {
    id: "rules-secret",
    name: "rules-secret",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "rules-secret-hint",
  });
  context.secretKey.subscribe((key) => {
    if (secret.value.trim() !== key) secret.value = key;
  });
  return createPanel({
    id: "rules",
    title: "Automation rules",
    intro: "Each rule with its runs by state, the branches they took, and its webhook deliveries by status, all time.",
    controls: [
      h(
        "div",
        { class: "field" },
        h("label", { for: "rules-secret" }, "Secret key"),
        secret,
        h("span", { class: "hint", id: "rules-secret-hint" }, "Kept in this page only, never stored"),
      ),
    ],
    // A refused secret key says so in the panel; the read key the page runs on is not at fault.
    onKeyRefused: () => undefined,
    async render() {
      const key = secret.value.trim() || context.secretKey.get();
      if (!key) return emptyState("Rules are read with the site's secret key: enter it above.");
      try {
        const rules = await createSecretApiClient(key, context.fetch).ruleActivity();
        context.secretKey.set(key);
        return renderRules(rules);
      } catch (error) {
        if (error instanceof ApiError && error.isKeyRefused)
          throw new ApiError(error.status, error.code, `The secret key was refused (${error.message}).`);
        throw error;
      }
    },
  });
}
