/** Requests node's HTTP parser refuses get the same JSON error body as every other refusal. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_SECURITY_HEADERS } from "../middleware/security-headers.js";
import { collectorFixture, type CollectorFixture } from "../testing/collector-fixture.js";
import { listen } from "./listen.js";

/** Sends `raw` on a fresh connection and resolves with everything the server sent before closing. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(raw));
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString("utf8")));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function parse(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
  return { statusLine, headers, body: JSON.parse(body) as unknown };
}

let f: CollectorFixture;
let server: Server;
let port: number;
beforeAll(async () => {
  f = await collectorFixture();
  server = await listen(f.app.fetch, { port: 0, host: "127.0.0.1", bodyTimeoutMs: 10_000 });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await f.store.close();
});

describe("HTTP framing errors", () => {
  it.each([
    [
      "a request line that is not HTTP",
      "HELLO THERE\r\n\r\n",
      "HTTP/1.1 400 Bad Request",
      { error: { code: "bad_request", message: "the request is not valid HTTP/1.1 (invalid method)" } },
    ],
    [
      "a NUL byte in the path",
      "GET /v1/journeys/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n",
      "HTTP/1.1 400 Bad Request",
      { error: { code: "bad_request", message: "the request is not valid HTTP/1.1 (invalid url)" } },
    ],
    [
      "a header without a colon",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n",
      "HTTP/1.1 400 Bad Request",
      { error: { code: "bad_request", message: "the request is not valid HTTP/1.1 (invalid header token)" } },
    ],
    [
      "headers over 16 KiB",
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      "HTTP/1.1 431 Request Header Fields Too Large",
      { error: { code: "headers_too_large", message: "the request line and headers are over 16 KiB" } },
    ],
  ])("answers %s with a JSON error and closes", async (_, raw, statusLine, body) => {
    const answer = parse(await exchange(port, raw));
    expect(answer.statusLine).toBe(statusLine);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["x-content-type-options"]).toBe(API_SECURITY_HEADERS["X-Content-Type-Options"]);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body).toEqual(body);
  });

  it("still answers good requests on the same server", async () => {
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });
  });
});
