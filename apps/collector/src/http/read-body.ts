import type { IncomingMessage } from "node:http";
import type { MinBodyRate } from "../ops-config.js";

export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" | "not_utf8" | "timeout" | "too_slow" };

/** How long a body may take: all of it within `timeoutMs`, and, when set, at least `minRate` on average once its grace has passed. */
export interface BodyTiming {
  timeoutMs: number;
  minRate: MinBodyRate | null;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** How often a body still arriving after the grace is checked against the minimum rate. */
const PACE_CHECK_MS = 250;

type Late = "timeout" | "too_slow";

/**
 * Races reads of one body against its timing: "timeout" once the deadline passes, "too_slow"
 * once, after the grace, the bytes received since the headers fall below the minimum rate. The
 * bytes are counted on the connection (socket.bytesRead), so a slow loris that sends a byte a
 * second loses its place after the grace instead of holding it for the whole timeout. A read
 * that fails once the race is lost (the connection is closed then) is ignored.
 */
function bodyWatch({ timeoutMs, minRate }: BodyTiming, incoming: IncomingMessage | undefined) {
  const start = Date.now();
  const deadline = start + timeoutMs;
  const socket = incoming?.socket;
  const bytesAtStart = socket?.bytesRead ?? 0;
  const tooSlow = () => {
    const elapsed = Date.now() - start;
    return minRate !== null && elapsed >= minRate.graceMs && (socket!.bytesRead - bytesAtStart) * 1000 < minRate.bytesPerSecond * elapsed;
  };
  return function within<T>(work: Promise<T>): Promise<T | Late> {
    const timers: NodeJS.Timeout[] = [];
    const late = new Promise<Late>((resolve) => {
      timers.push(setTimeout(resolve, Math.max(0, deadline - Date.now()), "timeout"));
      if (minRate !== null && socket !== undefined) {
        const check = () => {
          if (tooSlow()) resolve("too_slow");
          else timers.push(setTimeout(check, PACE_CHECK_MS));
        };
        timers.push(setTimeout(check, Math.max(0, start + minRate.graceMs - Date.now())));
      }
    });
    work.catch(() => undefined);
    return Promise.race([work, late]).finally(() => timers.forEach(clearTimeout));
  };
}

/**
 * The whole body, when node's HTTP parser holds all of it: read at once, with no timer, no
 * stream and no copy. The app runs as soon as the headers are parsed; a small body follows them
 * on the connection at once, so it is there after one turn of the event loop. null when some of
 * it is still on its way then, or something else reads the message.
 */
async function receivedBody(incoming: IncomingMessage): Promise<Buffer | null> {
  if (!incoming.complete) await new Promise((resolve) => setImmediate(resolve));
  if (!incoming.complete || incoming.readableDidRead || incoming.readableFlowing === true || incoming.readableEncoding !== null)
    return null;
  const chunks: Buffer[] = [];
  for (let chunk = incoming.read() as Buffer | null; chunk !== null; chunk = incoming.read() as Buffer | null) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Reads a request body as UTF-8 text, never holding more than `limit` bytes and never waiting
 * more than the timing allows (a slow-loris upload holds a connection and a place in the
 * concurrency cap). A body that node's parser (`incoming`, under @hono/node-server) has
 * received whole is taken at once. Otherwise, with a declared Content-Length the HTTP parser
 * delivers at most that many bytes, so a length within the limit is read in one go
 * (@hono/node-server's fast path, no web stream). A chunked body (no Content-Length) is counted
 * as it streams and answered the moment it passes the limit. Oversize bodies are thrown away
 * (see discardRest).
 */
export async function readBodyText(request: Request, limit: number, timing: BodyTiming, incoming?: IncomingMessage): Promise<BodyText> {
  const within = bodyWatch(timing, incoming);
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    if (Number(declared) <= DISCARD_MAX_BYTES && request.body !== null) await discardRest(request.body.getReader(), within);
    return { ok: false, reason: "too_large" };
  }
  const received = incoming === undefined ? null : await receivedBody(incoming);
  if (received !== null) return received.byteLength > limit ? { ok: false, reason: "too_large" } : decode(received);
  if (declared !== null) {
    const bytes = await within(request.arrayBuffer());
    return typeof bytes === "string" ? { ok: false, reason: bytes } : decode(new Uint8Array(bytes));
  }
  if (request.body === null) return { ok: true, text: "" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await within(reader.read());
    if (typeof chunk === "string") {
      void reader.cancel().catch(() => undefined);
      return { ok: false, reason: chunk };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // A chunked body may never end: the 413 goes out now, the rest is thrown away behind it.
      void discardRest(reader, within);
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
 * answer. Either way the discarding stops at DISCARD_MAX_BYTES, the body deadline or below the
 * minimum rate by cancelling the stream, which closes the connection.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, within: ReturnType<typeof bodyWatch>): Promise<void> {
  let discarded = 0;
  while (discarded < DISCARD_MAX_BYTES) {
    const chunk = await within(reader.read());
    if (typeof chunk === "string") break;
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
