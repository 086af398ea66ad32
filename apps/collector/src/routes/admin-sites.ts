/**
 * Site management over HTTP with the admin token (`touchpoint admin-token`), so a site can be
 * created, changed and erased without a shell on the collector's machine:
 * GET and POST /v1/admin/sites, PATCH and DELETE /v1/admin/sites/:siteId.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../http/api-error.js";
import { errorResponse } from "../http/query-responses.js";
import type { BodyTiming } from "../http/read-body.js";
import { readBodyAs } from "../http/read-json-body.js";
import { requireAdminToken } from "../http/require-admin-token.js";
import { normalizeOrigin } from "../sites/origins.js";
import type { Site, Store } from "../store/store.js";

const MAX_BODY_BYTES = 16_384;

const origin = z.string().transform((value, ctx) => {
  try {
    return normalizeOrigin(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});
const origins = z
  .array(origin)
  .max(100)
  .transform((list) => [...new Set(list)]);
const newSiteBody = z.object({ name: z.string().trim().min(1).max(200), origins: origins.default([]) }).strict();
const siteUpdateBody = z.object({ origins }).strict();

const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  writeKey: z.string(),
  origins: z.array(z.string()),
  createdAt: z.string(),
});
const ADMIN = [{ adminToken: [] }];
const AUTH_RESPONSES = { 401: errorResponse("No admin token, or not the current one") };

const listed = ({ id, name, writeKey, origins: allowed, createdAt }: Site) => ({
  id,
  name,
  writeKey,
  origins: allowed,
  createdAt: new Date(createdAt).toISOString(),
});

export function adminSitesRoutes(app: OpenAPIHono, store: Store, bodyTiming: BodyTiming): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description:
      "The admin token (tp_admin_..., made by `touchpoint admin-token`): site management; it also reads any site where the read key does, " +
      "the site named by its id in the `Touchpoint-Site` header (400 missing_site without it, 404 unknown_site for an id no site has).",
  });
  const register = (
    method: "get" | "post" | "patch" | "delete",
    path: string,
    summary: string,
    responses: Record<number, unknown>,
    body?: z.ZodType,
  ) =>
    app.openAPIRegistry.registerPath({
      method,
      path,
      summary,
      security: ADMIN,
      ...(body ? { request: { body: { required: true, content: { "application/json": { schema: body } } } } } : {}),
      responses: { ...(responses as Record<number, { description: string }>), ...AUTH_RESPONSES },
    });
  register("get", "/v1/admin/sites", "List sites (no secret keys)", {
    200: { description: "Every site", content: { "application/json": { schema: z.array(siteSchema) } } },
  });
  register(
    "post",
    "/v1/admin/sites",
    "Create a site; its read and secret keys are in this answer only",
    { 201: { description: "The site with its keys" }, 400: errorResponse("Invalid body; `issues[].path` names the field") },
    newSiteBody,
  );
  register(
    "patch",
    "/v1/admin/sites/{siteId}",
    "Replace a site's allowed origins (an empty list allows any)",
    {
      200: { description: "The site", content: { "application/json": { schema: siteSchema } } },
      400: errorResponse("Invalid body"),
      404: errorResponse("No such site"),
    },
    siteUpdateBody,
  );
  register("delete", "/v1/admin/sites/{siteId}", "Erase a site and all of its data", {
    200: { description: "Rows deleted per table" },
    404: errorResponse("No such site"),
  });

  app.use("/v1/admin/*", requireAdminToken(store));

  const unknownSite = (siteId: string) => new ApiError(404, "unknown_site", `no site has the id ${JSON.stringify(siteId)}`);

  app.get("/v1/admin/sites", async (c) => c.json((await store.listSites()).map(listed), 200));

  app.post("/v1/admin/sites", async (c) => {
    const { name, origins: allowed } = await readBodyAs(c, newSiteBody, MAX_BODY_BYTES, bodyTiming);
    const site = await store.createSite({ name, origins: allowed });
    const { id, writeKey, readKey, secretKey } = site;
    return c.json({ id, name: site.name, writeKey, readKey, secretKey, origins: site.origins }, 201);
  });

  app.patch("/v1/admin/sites/:siteId", async (c) => {
    const siteId = c.req.param("siteId");
    const { origins: allowed } = await readBodyAs(c, siteUpdateBody, MAX_BODY_BYTES, bodyTiming);
    if (!(await store.setSiteOrigins(siteId, allowed))) throw unknownSite(siteId);
    const site = (await store.listSites()).find((s) => s.id === siteId);
    if (!site) throw unknownSite(siteId);
    return c.json(listed(site), 200);
  });

  app.delete("/v1/admin/sites/:siteId", async (c) => {
    const siteId = c.req.param("siteId");
    const deleted = await store.deleteSite(siteId);
    if (deleted === null) throw unknownSite(siteId);
    return c.json({ id: siteId, deleted }, 200);
  });
}
