import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { dashboardAssets, dashboardContentSecurityPolicy, dashboardDir } from "@touchpoint/dashboard";
import { ApiError } from "../http/api-error.js";
import { staticFile } from "../static/static-file.js";

/**
 * The dashboard holds a secret read key and renders attacker-controlled event text, so its page
 * runs under the strict policy it is built for (no inline script or style, same origin only),
 * cannot be framed, and keeps its URL (with the key in the fragment) out of Referer headers.
 * no-cache: the asset URLs are unversioned, and a revalidation costs a body-less 304.
 */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": dashboardContentSecurityPolicy,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-cache",
});

/** GET /dashboard (the page) and its script and stylesheet, from apps/dashboard/dist. */
export function dashboardRoutes(app: OpenAPIHono, dir: string = dashboardDir): void {
  for (const asset of dashboardAssets) {
    const file = staticFile(join(dir, asset.file), asset.contentType);
    app.get(asset.urlPath, (c) => {
      const answer = file.respond(c, DASHBOARD_HEADERS);
      if (answer) return answer;
      console.error(`touchpoint: ${file.path} is missing: build the dashboard (npm run build)`);
      throw new ApiError(404, "dashboard_not_built", "the dashboard is not built on this collector");
    });
  }
  app.get("/dashboard/", (c) => c.redirect("/dashboard", 301));
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/dashboard",
    summary: "The dashboard (HTML)",
    description: "Funnel, attribution, moments of truth, stalled customers and journeys. Takes the read key from `#key=` or asks for it.",
    responses: { 200: { description: "The page", content: { "text/html": { schema: { type: "string" } } } } },
  });
}
