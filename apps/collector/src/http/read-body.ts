import type { IncomingMessage } from "node:http";

export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" | "not_utf8" | "timeout" };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Resolves with `work`, or with "timeout" once `deadline` (ms since the epoch) passes first; a
 * read that fails after the deadline (the connection is closed then) is ignored.
 */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), "timeout");
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The whole body, when node's HTTP parser holds all of it: read at once, with no timer, no
 * stream and no copy. The app runs as soon as the headers are parsed; a small body follows them
 * on the connection at once, so it is there after one turn of the event loop. null when some of
 * it is still on its way then, or something else reads the message.
 */
async function receivedBody(incoming: IncomingMessage): Promise<Buffer | null> {
  if (!incoming.complete) await new Promise((resolve) => setImmediate(resolve));
  if (!incoming.complete || incoming.readableDidRead || incoming.readableFlowing === true || incoming.readableEncoding !== null) return null;
  const chunks: Buffer[] = [];
  for (let chunk = incoming.read() as Buffer | null; chunk !== null; chunk = incoming.read() as Buffer | null) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Reads a request body as UTF-8 text, never holding more than `limit` bytes and never waiting
 * more than `timeoutMs` for all of it (a slow-loris upload holds a connection and a place in
 * the concurrency cap). A body that node's parser (`incoming`, under @hono/node-server) has
 * received whole is taken at once. Otherwise, with a declared Content-Length the HTTP parser
 * delivers at most that many bytes, so a length within the limit is read in one go
 * (@hono/node-server's fast path, no web stream). A chunked body (no Content-Length) is counted
 * as it streams and dropped the moment it passes the limit.
 */
export async function readBodyText(request: Request, limit: number, timeoutMs: number, incoming?: IncomingMessage): Promise<BodyText> {
  const deadline = Date.now() + timeoutMs;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return { ok: false, reason: "too_large" };
  const received = incoming === undefined ? null : await receivedBody(incoming);
  if (received !== null) return received.byteLength > limit ? { ok: false, reason: "too_large" } : decode(received);
  if (declared !== null) {
    const bytes = await beforeDeadline(request.arrayBuffer(), deadline);
    return bytes === "timeout" ? { ok: false, reason: "timeout" } : decode(new Uint8Array(bytes));
  }
  if (request.body === null) return { ok: true, text: "" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await beforeDeadline(reader.read(), deadline);
    if (chunk === "timeout") {
      void reader.cancel().catch(() => undefined);
      return { ok: false, reason: "timeout" };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void drainForLingeringClose(reader, deadline);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
}

/** How much of an oversize body is read and thrown away so that its sender can still read the 413. */
const LINGER_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Closing a connection while the client is still sending makes the kernel answer with a reset,
 * and most clients (Node, browsers) then lose the 413 already on its way to them. So, like
 * nginx's lingering close, the answer goes out at once while the rest of the body is read and
 * thrown away in the background, bounded in bytes and by the body deadline; past either bound
 * the stream is cancelled, which closes the connection.
 */
async function drainForLingeringClose(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number): Promise<void> {
  let drained = 0;
  while (drained < LINGER_MAX_BYTES) {
    const chunk = await beforeDeadline(reader.read(), deadline);
    if (chunk === "timeout" || chunk.done) break;
    drained += chunk.value.byteLength;
  }
  void reader.cancel().catch(() => undefined);
}

function decode(bytes: Uint8Array): BodyText {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: "not_utf8" };
  }
}
