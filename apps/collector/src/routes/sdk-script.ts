import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../http/api-error.js";
import { packageDir } from "../static/package-dir.js";
import { staticFile, type StaticFile } from "../static/static-file.js";

/** packages/sdk/dist/touchpoint.js: the script-tag build of @touchpoint/sdk (tsup, turbo builds it before the collector). */
export function sdkScriptFile(): StaticFile {
  return staticFile(join(packageDir("@touchpoint/sdk"), "dist", "touchpoint.js"), "text/javascript; charset=utf-8");
}

/**
 * The script URL in every customer's page is unversioned, so a long max-age would keep old SDKs
 * alive for that long after an upgrade: five minutes bounds that, and the strong ETag turns
 * every later check into a body-less 304. Pages on any origin load it, also under
 * Cross-Origin-Embedder-Policy (hence CORP cross-origin) and with `crossorigin` for SRI (ACAO *).
 */
const SCRIPT_HEADERS = {
  "Cache-Control": "public, max-age=300",
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "X-Content-Type-Options": "nosniff",
};

/** GET /sdk/touchpoint.js. */
export function sdkScriptRoute(app: OpenAPIHono, script: StaticFile = sdkScriptFile()): void {
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/sdk/touchpoint.js",
    summary: "The browser SDK for the script tag",
    description:
      "Minified IIFE exposing the `touchpoint` global. Strong ETag (304 on If-None-Match), `Cache-Control: public, max-age=300`, br or gzip when accepted.",
    responses: {
      200: { description: "The script", content: { "text/javascript": { schema: { type: "string" } } } },
      304: { description: "Not modified" },
    },
  });
  app.get("/sdk/touchpoint.js", (c) => {
    const answer = script.respond(c, SCRIPT_HEADERS);
    if (answer) return answer;
    console.error(`touchpoint: ${script.path} is missing: build the SDK (npm run build)`);
    throw new ApiError(404, "sdk_not_built", "the SDK script is not built on this collector");
  });
}
