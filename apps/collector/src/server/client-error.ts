/**
 * What node's HTTP parser refuses never reaches the app: a bad request line, headers over
 * node's 16 KiB, a raw NUL or space in the URL, headers that did not arrive in time. Node's own
 * answer is a bare `400 Bad Request` (431, 408) with no body; this one is the JSON error every
 * other refusal has, with the same security headers, and closes the connection as node does.
 */
import type { Duplex } from "node:stream";
import { ApiError } from "../http/api-error.js";
import { API_SECURITY_HEADERS } from "../middleware/security-headers.js";

interface ParserError extends Error {
  code?: string;
}

function refusalOf(error: ParserError): { reason: string; refusal: ApiError } {
  if (error.code === "HPE_HEADER_OVERFLOW") {
    return {
      reason: "Request Header Fields Too Large",
      refusal: new ApiError(431, "headers_too_large", "the request line and headers are over 16 KiB"),
    };
  }
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return { reason: "Request Timeout", refusal: new ApiError(408, "request_timeout", "the request did not arrive in time") };
  }
  const message = `the request is not valid HTTP/1.1${error.code?.startsWith("HPE_") ? ` (${error.code.slice(4).toLowerCase().replaceAll("_", " ")})` : ""}`;
  return { reason: "Bad Request", refusal: new ApiError(400, "bad_request", message) };
}

/** The server's `clientError` listener. */
export function answerClientError(error: ParserError, socket: Duplex): void {
  // A connection reset, or one whose answer has begun: nothing can be said on it any more.
  if (
    error.code === "ECONNRESET" ||
    !socket.writable ||
    (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  ) {
    socket.destroy();
    return;
  }
  const { reason, refusal } = refusalOf(error);
  const json = JSON.stringify(refusal.body);
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(json)),
    ...API_SECURITY_HEADERS,
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${refusal.status} ${reason}\r\n${head}\r\n${json}`);
}
