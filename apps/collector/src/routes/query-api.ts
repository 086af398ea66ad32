import { OpenAPIHono } from "@hono/zod-openapi";
import { answerInvalidInput } from "../http/invalid-parameter.js";
import type { BodyTiming } from "../http/read-body.js";
import type { KeyEnv } from "../http/require-key.js";
import { compressJson } from "../middleware/compress-json.js";
import type { Store } from "../store/store.js";
import { attributionRowsRoute } from "./attribution-rows.js";
import { customerRoutes } from "./customers.js";
import { customerValueRoute } from "./customer-value.js";
import { eventExportRoute } from "./event-export.js";
import { journeyRoutes } from "./journeys.js";
import { pathsRoute } from "./paths.js";
import { reportRoutes } from "./reports.js";
import { siteRoute } from "./site.js";
import { spendRoute } from "./spend.js";
import { spendListRoute } from "./spend-list.js";

/**
 * The query API (journeys, customers, attribution and its rows, conversion paths, funnel, moments of
 * truth, customer value, spend), mounted by createApp with `app.route("/", queryApi(store, ...))`:
 * its routes, schemas and key schemes join the app's /openapi.json. Answers are compressed for clients that accept it (compress-json.ts).
 */
export function queryApi(store: Store, { bodyTiming }: { bodyTiming: BodyTiming }): OpenAPIHono<KeyEnv> {
  const api = new OpenAPIHono<KeyEnv>({ defaultHook: answerInvalidInput });
  api.openAPIRegistry.registerComponent("securitySchemes", "readKey", {
    type: "http",
    scheme: "bearer",
    description: "The site's secret read key (tp_read_...): the query API and the dashboard.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "secretKey", {
    type: "http",
    scheme: "bearer",
    description: "The site's secret key (tp_sec_...): server-side events, spend and erasure.",
  });
  api.use(compressJson());
  journeyRoutes(api, store);
  customerRoutes(api, store);
  reportRoutes(api, store);
  attributionRowsRoute(api, store);
  pathsRoute(api, store);
  customerValueRoute(api, store);
  spendRoute(api, store, bodyTiming);
  spendListRoute(api, store);
  siteRoute(api, store);
  eventExportRoute(api, store);
  return api;
}
