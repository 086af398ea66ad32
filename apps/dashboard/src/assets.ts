/**
 * For the collector (Node), not the browser: where the built dashboard is and how to serve it.
 * The path is found through the package's own name rather than import.meta.url, so it stays
 * right when the collector bundles this module into its CLI.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Absolute path of the built dashboard (apps/dashboard/dist); `npm run build -w @touchpoint/dashboard` fills it. */
export const dashboardDir = join(dirname(createRequire(import.meta.url).resolve("@touchpoint/dashboard/package.json")), "dist");

export interface DashboardAsset {
  /** The URL path the collector answers. */
  urlPath: string;
  /** The file's name inside dashboardDir. */
  file: string;
  contentType: string;
}

/** Every file of the dashboard: the page at /dashboard, its script and its stylesheet. */
export const dashboardAssets: readonly DashboardAsset[] = [
  { urlPath: "/dashboard", file: "index.html", contentType: "text/html; charset=utf-8" },
  { urlPath: "/dashboard/dashboard.js", file: "dashboard.js", contentType: "text/javascript; charset=utf-8" },
  { urlPath: "/dashboard/dashboard.css", file: "dashboard.css", contentType: "text/css; charset=utf-8" },
];

/** The policy the dashboard is built to run under: no inline script or style, no eval, same origin only. */
export const dashboardContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
