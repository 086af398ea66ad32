/**
 * The demo's automation: a cart left at checkout for a few seconds without a purchase gets a
 * reminder (a webhook to the receiver the demo runs and prints) and a `cart_reminder_sent`
 * touchpoint in the visitor's journey.
 */
import type { RuleBody } from "@touchpoint/journeys";
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { AutomationStore, StoredRule } from "../store/automation-store.js";

export const DEMO_CART_RULE_NAME = "abandoned cart";

export function demoCartRule(receiverUrl: string): RuleBody {
  return {
    name: DEMO_CART_RULE_NAME,
    when: { event: "begin_checkout" },
    wait: "PT10S",
    branches: [{ if: { noEvent: "purchase" }, do: [{ webhook: receiverUrl }, { track: "cart_reminder_sent" }] }],
    reentry: false,
  };
}

/** The demo site's cart rule, created on first start; the receiver's port changes per start, so the rule follows it as a new version. */
export async function ensureDemoCartRule(rules: AutomationStore, siteId: string, receiverUrl: string): Promise<StoredRule> {
  const body = demoCartRule(receiverUrl);
  const existing = (await rules.listRules(siteId)).find((r) => r.body.name === DEMO_CART_RULE_NAME);
  if (!existing) return rules.createRule(siteId, body, `whsec_${randomBytes(24).toString("base64url")}`, Date.now());
  if (isDeepStrictEqual(existing.body, body)) return existing;
  return (await rules.replaceRuleBody(siteId, existing.id, body, Date.now()))!;
}
