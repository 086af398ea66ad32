import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AutomationStore } from "../store/automation-store.js";
import { answerInvalidInput } from "../http/invalid-parameter.js";
import { KEY_RESPONSES, SECRET_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { ruleActivity } from "../queries/rule-activity.js";
import type { SiteKeyLookup } from "../store/store.js";

const deliveryCounts = z
  .object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() })
  .openapi("DeliveryCounts", {
    description: "Webhook deliveries by status: pending (being tried), delivered, failed (gave up after 24 h)",
  });

const ruleActivitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    version: z.number().int().openapi({ description: "The version new runs follow" }),
    runs: z
      .object({ waiting: z.number().int(), done: z.number().int(), cancelled: z.number().int() })
      .openapi({ description: "Runs by state, every version of the rule" }),
    branches: z
      .array(
        z.object({
          branch: z.string().openapi({
            description:
              "Branch label: `0` the rule's first branch, `1.2.0` the first branch of the `then` of its second branch; `none`: done with no branch holding",
          }),
          runs: z.number().int().openapi({ description: "Runs that took this branch" }),
          deliveries: deliveryCounts,
        }),
      )
      .openapi({ description: "Ordered by label; a run counts under each branch it took" }),
    deliveries: deliveryCounts,
  })
  .openapi("RuleActivity");

/** GET /v1/rule-activity (secret key): what the dashboard's rules view shows, in one request. */
export function ruleActivityApi(store: SiteKeyLookup, rules: AutomationStore): OpenAPIHono<KeyEnv> {
  const api = new OpenAPIHono<KeyEnv>({ defaultHook: answerInvalidInput });
  api.openapi(
    createRoute({
      method: "get",
      path: "/v1/rule-activity",
      summary: "Each automation rule with its runs by state and per branch, and its webhook deliveries by status",
      description: "Rules oldest first, as GET /v1/rules lists them. Secret key only, like the rules themselves.",
      security: SECRET_KEY,
      middleware: requireKey(store, ["secret"]),
      responses: {
        200: {
          description: "Every rule of the site",
          content: { "application/json": { schema: z.object({ rules: z.array(ruleActivitySchema) }) } },
        },
        ...KEY_RESPONSES,
      },
    }),
    async (c) => c.json({ rules: await ruleActivity(rules, c.get("site").id) }, 200),
  );
  return api;
}
