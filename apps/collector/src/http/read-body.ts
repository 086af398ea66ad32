export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" | "not_utf8" };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `limit` bytes. A declared
 * Content-Length is checked first; a chunked body (no Content-Length) is counted as it streams,
 * so an endless upload never fills memory.
 */
export async function readBodyText(request: Request, limit: number): Promise<BodyText> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return { ok: false, reason: "too_large" };
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
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: "not_utf8" };
  }
}
