import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { readBodyText } from "./read-body.js";

/** A message as node's HTTP parser leaves it: `chunks` pushed, then complete when the end was parsed. */
function parsed(chunks: Array<string | Buffer>, complete: boolean): IncomingMessage {
  const incoming = new IncomingMessage(new Socket());
  for (const chunk of chunks) incoming.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  if (complete) {
    incoming.push(null);
    incoming.complete = true;
  }
  return incoming;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://collector.test/v1/batch", { method: "POST", body, headers });

describe("readBodyText", () => {
  it("takes a body the parser has received whole from the message, chunks joined", async () => {
    const incoming = parsed(['{"a":', '"é"}'], true);
    expect(await readBodyText(post("not this"), 100, { timeoutMs: 1000, minRate: null }, incoming)).toEqual({
      ok: true,
      text: '{"a":"é"}',
    });
    expect(incoming.readableDidRead).toBe(true);
  });

  it("refuses a received body over the limit or not UTF-8, and a declared length over the limit before reading", async () => {
    expect(await readBodyText(post("x"), 8, { timeoutMs: 1000, minRate: null }, parsed(["12345", "6789"], true))).toEqual({
      ok: false,
      reason: "too_large",
    });
    const latin1 = parsed([Buffer.from([0x22, 0xe9, 0x22])], true);
    expect(await readBodyText(post("x"), 8, { timeoutMs: 1000, minRate: null }, latin1)).toEqual({ ok: false, reason: "not_utf8" });
    const untouched = parsed(["123456789"], true);
    expect(await readBodyText(post("x", { "content-length": "9" }), 8, { timeoutMs: 1000, minRate: null }, untouched)).toEqual({
      ok: false,
      reason: "too_large",
    });
    expect(untouched.readableDidRead).toBe(false);
  });

  it("reads the request's own body while the message is still arriving", async () => {
    const incoming = parsed(['{"a":'], false);
    expect(await readBodyText(post('{"a":1}'), 100, { timeoutMs: 1000, minRate: null }, incoming)).toEqual({ ok: true, text: '{"a":1}' });
    expect(incoming.readableDidRead).toBe(false);
  });
});
