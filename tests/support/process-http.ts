import http from "node:http";

/**
 * Raw HTTP through node:http rather than fetch: fetch cannot send broken bytes as they are, a
 * chunked body on demand, or a body that trickles in.
 */
export interface RawRequest {
  port: number;
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  /** Sent in one piece with a Content-Length (unless `headers` set one already). */
  body?: Buffer;
  /** Sent as a chunked body without Content-Length; writing stops once the server answers. */
  chunks?: Iterable<Buffer>;
  /** Wait this long before each chunk: a client that trickles its body in. */
  chunkDelayMs?: number;
  /** Connection pool; `false` opens a connection of its own. */
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
      // A chunked body cut short by an early answer leaves the request open: close it.
      if (!req.writableEnded) req.destroy();
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
      res.on("end", () => finish({ answered: true, answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) } }));
      res.on("error", (error: NodeJS.ErrnoException) => finish({ answered: false, error: `answer cut off: ${error.code ?? error.message}`, reusedSocket: req.reusedSocket }));
    });

    if (request.chunks) {
      void writeChunks(req, request.chunks, request.chunkDelayMs ?? 0, () => answered || settled);
    } else {
      req.end(request.body);
    }
  });
}

async function writeChunks(req: http.ClientRequest, chunks: Iterable<Buffer>, delayMs: number, stop: () => boolean): Promise<void> {
  for (const chunk of chunks) {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (stop() || req.destroyed) return;
    if (!req.write(chunk)) {
      await new Promise<void>((resume) => {
        const done = () => {
          req.off("drain", done);
          req.off("close", done);
          req.off("response", done);
          resume();
        };
        req.on("drain", done);
        req.on("close", done);
        req.on("response", done);
      });
    }
  }
  if (!stop() && !req.destroyed) req.end();
}

/** The answer's body as JSON, or undefined when it is not JSON. */
export function answerJson(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString("utf8"));
  } catch {
    return undefined;
  }
}
