/**
 * Who may call a query endpoint. Each site has three keys with separate powers: the public write
 * key only ingests, the secret read key reads (the query API and the dashboard), and the site
 * secret writes server-side (server events, spend, erasure). A key of another kind is refused
 * with 403, so a caller learns it holds the wrong key rather than a bad one. The admin token
 * reads too, any site, named by id in the `Touchpoint-Site` header (the dashboard's site picker).
 */
import type { MiddlewareHandler } from "hono";
import type { Site, SiteKeyKind, SiteKeyLookup } from "../store/store.js";
import { ApiError } from "./api-error.js";

/** The kinds of key a request may carry: the store's site key kinds. */
export type KeyKind = SiteKeyKind;

export interface KeyEnv {
  Variables: { site: Site };
}

const KEY_NAMES: Record<KeyKind, string> = { write: "the public write key", read: "the read key", secret: "the site's secret key" };

function findSite(store: SiteKeyLookup, kind: KeyKind, key: string): Promise<Site | null> {
  if (kind === "read") return store.findSiteByReadKey(key);
  if (kind === "secret") return store.findSiteBySecretKey(key);
  return store.findSiteByWriteKey(key);
}

/** The key of an `Authorization: Bearer <key>` header (scheme in any case), or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  return header == null ? undefined : /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
}

/** The header naming the site the admin token reads. */
export const SITE_HEADER = "Touchpoint-Site";

/** The site the admin token reads: the one the header names, else a 400 or 404 saying why. */
async function siteForAdmin(store: SiteKeyLookup, header: string | undefined): Promise<Site> {
  const siteId = header?.trim() ?? "";
  if (siteId === "")
    throw new ApiError(
      400,
      "missing_site",
      `the admin token reads the site whose id is in the \`${SITE_HEADER}\` header (GET /v1/admin/sites)`,
    );
  const site = (await store.listSites()).find((candidate) => candidate.id === siteId);
  if (!site) throw new ApiError(404, "unknown_site", `no site has the id ${JSON.stringify(siteId)}`);
  return site;
}

/**
 * Admits `Authorization: Bearer <key>` with a key of one of the `accepted` kinds and sets `site`; where the
 * read key is accepted, the admin token as well, for the site the Touchpoint-Site header names. Else 401 or 403.
 */
export function requireKey(store: SiteKeyLookup, accepted: readonly KeyKind[]): MiddlewareHandler<KeyEnv> {
  const wanted = accepted.map((kind) => KEY_NAMES[kind]).join(" or ");
  const others = (["read", "secret", "write"] as const).filter((kind) => !accepted.includes(kind));
  return async (c, next) => {
    const header = c.req.header("authorization");
    const key = bearerToken(header);
    if (key === undefined) {
      throw new ApiError(401, "missing_key", `send ${wanted} as \`Authorization: Bearer <key>\``);
    }
    for (const kind of accepted) {
      const site = await findSite(store, kind, key);
      if (site) {
        c.set("site", site);
        return next();
      }
    }
    if (accepted.includes("read") && (await store.isAdminToken(key))) {
      c.set("site", await siteForAdmin(store, c.req.header(SITE_HEADER)));
      return next();
    }
    for (const kind of others) {
      if (await findSite(store, kind, key)) {
        throw new ApiError(403, "wrong_key", `this is ${KEY_NAMES[kind]}; this endpoint needs ${wanted}`);
      }
    }
    throw new ApiError(401, "unknown_key", "no site has this key");
  };
}
