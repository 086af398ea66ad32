import http from "node:http";
import net from "node:net";

/**
 * Raw HTTP through node:http rather than fetch: fetch cannot send broken bytes as they are, a
 * chunked body on demand, or a body that trickles in. Streamed bodies go over a bare socket:
 * node's http client drops an answer that arrives while it is still uploading (the server's
 * early 413 is lost to the EPIPE of the next write), where a browser or curl would read it.
 */
export interface RawRequest {
  port: number;
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  /** Sent in one piece with a Content-Length (unless `headers` set one already). */
  body?: Buffer;
  /**
   * Streamed over a connection of its own: chunked without Content-Length (unless `headers`
   * set one); writing stops once the server answers.
   */
  chunks?: Iterable<Buffer>;
  /** Wait this long before each chunk: a client that trickles its body in. */
  chunkDelayMs?: number;
  /** Connection pool for whole bodies; `false` opens a connection of its own. */
  agent?: http.Agent | false;
  /** Give up (and count the request as unanswered) after this long. */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** An answer, or the network error that stood in for one (connection refused or reset, timeout). */
export type HttpOutcome = { answered: true; answer: HttpAnswer } | { answered: false; error: string; reusedSocket: boolean };

const MAX_ANSWER_BYTES = 1 << 20;

export function sendRequest(request: RawRequest): Promise<HttpOutcome> {
  return request.chunks ? sendStreamed(request, request.chunks) : sendWhole(request);
}

function sendWhole(request: RawRequest): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const headers: http.OutgoingHttpHeaders = { ...request.headers };
    if (request.body && headers["content-length"] === undefined) headers["content-length"] = request.body.length;
    const req = http.request({
      host: "127.0.0.1",
      port: request.port,
      method: request.method,
      path: request.path,
      headers,
      agent: request.agent ?? false,
    });
    const timer = setTimeout(() => req.destroy(new Error("timeout")), request.timeoutMs ?? 30_000);
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    req.on("error", (error: NodeJS.ErrnoException) => {
      // Writing after the server answered early (413) may fail with EPIPE: the answer still counts.
      if (!answered) finish({ answered: false, error: error.code ?? error.message, reusedSocket: req.reusedSocket });
    });
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      let size = 0;
      res.on("data", (part: Buffer) => {
        size += part.length;
        if (size <= MAX_ANSWER_BYTES) parts.push(part);
      });
      res.on("end", () =>
        finish({ answered: true, answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) } }),
      );
      res.on("error", (error: NodeJS.ErrnoException) =>
        finish({ answered: false, error: `answer cut off: ${error.code ?? error.message}`, reusedSocket: req.reusedSocket }),
      );
    });

    req.end(request.body);
  });
}

/** Writes the head, then each chunk (framed as chunked unless a Content-Length was given), reading the answer whenever it comes. */
function sendStreamed(request: RawRequest, chunks: Iterable<Buffer>): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect(request.port, "127.0.0.1");
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const chunked = headers["content-length"] === undefined;
    if (chunked) headers["transfer-encoding"] = "chunked";
    const head = [
      `${request.method} ${request.path} HTTP/1.1`,
      `host: 127.0.0.1:${request.port}`,
      "connection: close",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    let received = Buffer.alloc(0);
    let lastError = "";
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ answered: false, error: "timeout", reusedSocket: false }), request.timeoutMs ?? 30_000);
    socket.on("data", (part: Buffer) => {
      received = Buffer.concat([received, part]);
      const answer = parseAnswer(received, false);
      if (answer) finish({ answered: true, answer });
    });
    // Write errors after the server answered early are expected; the answer decides.
    socket.on("error", (error: NodeJS.ErrnoException) => (lastError = error.code ?? error.message));
    socket.on("close", () => {
      const answer = parseAnswer(received, true);
      finish(
        answer ? { answered: true, answer } : { answered: false, error: lastError || "closed without an answer", reusedSocket: false },
      );
    });

    void (async () => {
      // Like a real uploader, one piece at a time, reading whatever came back before the next.
      const write = (bytes: Buffer) =>
        new Promise<void>((resume) => {
          socket.once("close", resume);
          socket.write(bytes, () =>
            setImmediate(() => {
              socket.off("close", resume);
              resume();
            }),
          );
        });
      await write(Buffer.from(`${head.join("\r\n")}\r\n\r\n`));
      for (const chunk of chunks) {
        if (request.chunkDelayMs) await new Promise((r) => setTimeout(r, request.chunkDelayMs));
        if (settled || socket.destroyed) return;
        await write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk);
      }
      if (chunked && !settled && !socket.destroyed) socket.write("0\r\n\r\n");
    })();
  });
}

/** An HTTP/1.1 answer once it is complete (by Content-Length, or by the connection's end). */
function parseAnswer(bytes: Buffer, ended: boolean): HttpAnswer | null {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const length = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
  if (headers["transfer-encoding"] === "chunked") {
    if (!ended && !rest.includes("\r\n0\r\n\r\n") && !rest.subarray(0, 5).equals(Buffer.from("0\r\n\r\n"))) return null;
    return { status: Number(statusLine.split(" ")[1]), headers, body: dechunk(rest) };
  }
  if (length === null ? !ended : rest.length < length) return null;
  return { status: Number(statusLine.split(" ")[1]), headers, body: length === null ? rest : rest.subarray(0, length) };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The answer's body as JSON, or undefined when it is not JSON. */
export function answerJson(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString("utf8"));
  } catch {
    return undefined;
  }
}
