export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" | "not_utf8" };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a request body as UTF-8 text, never holding more than `limit` bytes. With a declared
 * Content-Length the HTTP parser delivers at most that many bytes, so a length within the limit
 * is read in one go (@hono/node-server's fast path, no web stream). A chunked body (no
 * Content-Length) is counted as it streams and dropped the moment it passes the limit.
 */
export async function readBodyText(request: Request, limit: number): Promise<BodyText> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (Number(declared) > limit) return { ok: false, reason: "too_large" };
    return decode(new Uint8Array(await request.arrayBuffer()));
  }
  if (request.body === null) return { ok: true, text: "" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
}

function decode(bytes: Uint8Array): BodyText {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: "not_utf8" };
  }
}
