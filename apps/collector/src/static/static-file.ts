import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { Context } from "hono";

type Encoding = "br" | "gzip" | "identity";

/** One file's bytes, compressed once, and a strong validator per representation. */
interface LoadedFile {
  version: string;
  hash: string;
  bodies: Record<Encoding, Uint8Array>;
}

export interface StaticFile {
  /** The file's path on disk, for messages. */
  path: string;
  contentType: string;
  /**
   * Answers GET/HEAD with the file: compressed as the client accepts (br, then gzip), a strong
   * ETag per encoding, 304 when If-None-Match names the current content, null when the file is
   * missing. `headers` are added to every answer (200 and 304).
   */
  respond(c: Context, headers: Readonly<Record<string, string>>): Response | null;
}

/** Picks br, then gzip, from an Accept-Encoding header (q=0 refuses an encoding). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [token = "", ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(token);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return "identity";
}

const etagOf = (hash: string, encoding: Encoding) => `"${hash}${encoding === "identity" ? "" : `-${encoding}`}"`;

/** Whether If-None-Match names this content, in any of its encodings (they differ only in transfer form). */
function notModified(ifNoneMatch: string | undefined, hash: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === `"${hash}"` || t === `"${hash}-br"` || t === `"${hash}-gzip"`;
  });
}

/**
 * A file served from memory. It is read (and compressed) on first use and again whenever its
 * size or modification time changes, so a rebuild is picked up without a restart; a missing
 * file is looked for again on every request.
 */
export function staticFile(path: string, contentType: string): StaticFile {
  let loaded: LoadedFile | null = null;

  function current(): LoadedFile | null {
    let version: string;
    try {
      const stat = statSync(path);
      version = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return null;
    }
    if (loaded?.version === version) return loaded;
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      return null;
    }
    loaded = {
      version,
      hash: createHash("sha256").update(body).digest("base64url").slice(0, 32),
      bodies: {
        identity: body,
        gzip: gzipSync(body, { level: 9 }),
        br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      },
    };
    return loaded;
  }

  return {
    path,
    contentType,
    respond(c, headers) {
      const file = current();
      if (!file) return null;
      const encoding = chooseEncoding(c.req.header("accept-encoding"));
      const common: Record<string, string> = { ...headers, ETag: etagOf(file.hash, encoding), Vary: "Accept-Encoding" };
      if (notModified(c.req.header("if-none-match"), file.hash)) return c.body(null, 304, common);
      const body = file.bodies[encoding];
      const answer: Record<string, string> = { ...common, "Content-Type": contentType, "Content-Length": String(body.byteLength) };
      if (encoding !== "identity") answer["Content-Encoding"] = encoding;
      return c.body(body as Uint8Array<ArrayBuffer>, 200, answer);
    },
  };
}
