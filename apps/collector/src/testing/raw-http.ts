/** HTTP/1.1 by hand over a TCP socket, for bodies that arrive slowly or never. */
import { connect, type Socket } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection after answering. */
  closedByServer: boolean;
}

export interface SlowUpload {
  /** Sends more of the body. */
  send(part: string): void;
  /** The answer, once the server has sent it and closed the connection or the whole body went out. */
  answer: Promise<RawAnswer>;
  socket: Socket;
}

function parse(raw: string, closedByServer: boolean): RawAnswer {
  const split = raw.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = raw.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: raw.slice(split + 4), closedByServer };
}

/**
 * Starts a POST whose headers announce `contentLength` bytes (or a chunked body, each part one
 * chunk) and sends `firstPart` of the body; the rest goes out through send(). The answer
 * resolves when the server closes the connection, or once a complete answer (by its
 * Content-Length) has arrived.
 */
export function slowUpload(
  port: number,
  path: string,
  contentLength: number | "chunked",
  firstPart = "",
  headers: Record<string, string> = {},
): SlowUpload {
  const socket = connect(port, "127.0.0.1");
  const chunked = contentLength === "chunked";
  const framing = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${contentLength}`;
  const head = [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    framing,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const frame = (part: string) => (chunked && part !== "" ? `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n` : part);
  socket.write(`${head.join("\r\n")}\r\n\r\n${frame(firstPart)}`);
  let raw = "";
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    socket.on("data", (d: Buffer) => {
      raw += d.toString("utf8");
      const split = raw.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, split))?.[1];
      if (split >= 0 && length !== undefined && Buffer.byteLength(raw.slice(split + 4)) >= Number(length)) {
        // Complete: wait a moment for the close that Connection: close promises.
        const closed = new Promise<boolean>((r) => socket.once("close", () => r(true)));
        const kept = new Promise<boolean>((r) => setTimeout(() => r(false), 1_000));
        void Promise.race([closed, kept]).then((closedByServer) => {
          socket.destroy();
          resolve(parse(raw, closedByServer));
        });
      }
    });
    socket.on("error", (error) => (raw ? undefined : reject(error)));
    socket.on("close", () => (raw ? resolve(parse(raw, true)) : reject(new Error("closed without an answer"))));
  });
  return { send: (part) => socket.write(frame(part)), answer, socket };
}
