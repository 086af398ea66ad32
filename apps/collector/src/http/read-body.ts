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
 * as it streams and answered the moment it passes the limit. Oversize bodies are thrown away
 * (see discardRest).
 */
export async function readBodyText(request: Request, limit: number, timeoutMs: number, incoming?: IncomingMessage): Promise<BodyText> {
  const deadline = Date.now() + timeoutMs;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    if (Number(declared) <= DISCARD_MAX_BYTES && request.body !== null) await discardRest(request.body.getReader(), deadline);
    return { ok: false, reason: "too_large" };
  }
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
      // A chunked body may never end: the 413 goes out now, the rest is thrown away behind it.
      void discardRest(reader, deadline);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
}

/** How much of an oversize body is read and thrown away so that its sender can still read the 413. */
const DISCARD_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Closing a connection while the client is still sending makes the kernel answer with a reset,
 * and most clients (Node, browsers) then lose the 413. Answering at once and reading the rest in
 * the background (nginx's lingering close) is not always enough here: @hono/node-server cuts a
 * body it finds unread 500 ms after the answer, and a client slowed by a busy machine was still
 * writing then (the fuzz test saw it a few times in 5,000 requests). So a body whose declared
 * length is over the limit but within DISCARD_MAX_BYTES is read and thrown away before the 413
 * goes out; a chunked one, which may never end, is answered at once and thrown away behind the
 * answer. Either way the discarding stops at DISCARD_MAX_BYTES or the body deadline by
 * cancelling the stream, which closes the connection.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number): Promise<void> {
  let discarded = 0;
  while (discarded < DISCARD_MAX_BYTES) {
    const chunk = await beforeDeadline(reader.read(), deadline);
    if (chunk === "timeout") break;
    if (chunk.done) return;
    discarded += chunk.value.byteLength;
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
