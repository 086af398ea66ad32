import type { PlannedEvent } from "./fuzz-events.js";
import type { FuzzCase } from "./fuzz-requests.js";
import { answerJson, type HttpOutcome } from "./process-http.js";

/** What one answer proved: what went wrong, and which events the collector said it stored. */
export interface Judgement {
  status: number | null;
  problems: string[];
  stored: PlannedEvent[];
  accepted: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isFieldError = (v: unknown) => isObject(v) && typeof v.path === "string" && isText(v.message);

/** `{ error: { code, message, issues? } }`, as DESIGN.md documents every refusal. */
function errorShapeProblem(body: unknown): string | null {
  if (!isObject(body) || !isObject(body.error)) return "the body is not { error: {...} }";
  const { code, message, issues } = body.error;
  if (!isText(code) || !isText(message)) return "error.code and error.message must be non-empty strings";
  if (issues !== undefined && !(Array.isArray(issues) && issues.every(isFieldError)))
    return "error.issues must be a list of { path, message }";
  return null;
}

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  bots: number;
  rejected: { index: number; id: string | null; errors: unknown[] }[];
}

function batchShapeProblem(body: unknown): string | null {
  if (!isObject(body)) return "the body is not an object";
  if (!isCount(body.accepted) || !isCount(body.duplicates) || !isCount(body.bots)) return "accepted, duplicates and bots must be counts";
  if (!Array.isArray(body.rejected)) return "rejected must be a list";
  for (const entry of body.rejected as unknown[]) {
    if (!isObject(entry) || !isCount(entry.index) || !(entry.id === null || typeof entry.id === "string"))
      return "each rejected entry needs an index and an id (string or null)";
    if (!Array.isArray(entry.errors) || entry.errors.length === 0 || !entry.errors.every(isFieldError))
      return "each rejected entry needs errors [{ path, message }]";
  }
  return null;
}

/** The id a rejected entry must name: the event's id when it is a readable string. */
const readableId = (id: string | null) => (id !== null && id.length <= 64 ? id : null);

function judgeBatch(events: readonly PlannedEvent[], answer: BatchAnswer, problems: string[]): PlannedEvent[] {
  const rejected = new Map<number, BatchAnswer["rejected"][number]>();
  for (const entry of answer.rejected) {
    if (entry.index >= events.length) problems.push(`rejected index ${entry.index} is past the batch's ${events.length} events`);
    if (rejected.has(entry.index)) problems.push(`index ${entry.index} is rejected twice`);
    rejected.set(entry.index, entry);
  }
  const stored: PlannedEvent[] = [];
  let duplicates = 0;
  events.forEach((event, index) => {
    const refusal = rejected.get(index);
    if (refusal && event.verdict !== "invalid" && event.verdict !== "either") {
      problems.push(`event ${index} (${event.verdict}, id ${JSON.stringify(event.id)}) was rejected: ${JSON.stringify(refusal.errors)}`);
    }
    if (!refusal && event.verdict === "invalid") problems.push(`event ${index} (invalid, id ${JSON.stringify(event.id)}) was not rejected`);
    if (refusal && refusal.id !== readableId(event.id))
      problems.push(`event ${index} was rejected under id ${JSON.stringify(refusal.id)}, not ${JSON.stringify(readableId(event.id))}`);
    if (!refusal && event.verdict === "duplicate") duplicates++;
    else if (!refusal && event.verdict !== "invalid") stored.push(event);
  });
  if (answer.accepted !== stored.length) problems.push(`accepted ${answer.accepted}, expected ${stored.length}`);
  if (answer.duplicates !== duplicates) problems.push(`duplicates ${answer.duplicates}, expected ${duplicates}`);
  if (answer.bots !== 0) problems.push(`bots ${answer.bots}, expected 0 (every request carries a desktop Chrome user agent)`);
  return stored;
}

/**
 * Checks one answer against its case: never a 5xx, always documented JSON, a status the case
 * allows, and for a batch exactly the right events rejected and accepted.
 */
export function judge(fuzzCase: FuzzCase, outcome: HttpOutcome): Judgement {
  if (!outcome.answered) {
    // The collector answers an oversize chunked body with 413 at once and keeps reading the rest
    // for a bounded time (its own drain, then @hono/node-server's 500 ms lingering close); a
    // client still writing megabytes after that sees the connection reset, as it would at nginx.
    const lingerEnded = fuzzCase.family === "oversize-chunked" && /^(EPIPE|ECONNRESET)$/.test(String(outcome.error));
    return { status: null, problems: lingerEnded ? [] : [`no answer: ${outcome.error}`], stored: [], accepted: 0 };
  }
  const { status, headers } = outcome.answer;
  const problems: string[] = [];
  const body = answerJson(outcome.answer);
  const excerpt = outcome.answer.body.subarray(0, 300).toString("utf8");
  if (status >= 500) problems.push(`server error ${status}: ${excerpt}`);
  else if (!fuzzCase.statuses.includes(status))
    problems.push(`status ${status}, expected one of ${fuzzCase.statuses.join(", ")}: ${excerpt}`);
  if (!String(headers["content-type"] ?? "").startsWith("application/json"))
    problems.push(`content-type ${JSON.stringify(headers["content-type"])}, expected application/json: ${excerpt}`);
  if (body === undefined) {
    problems.push(`the body is not JSON: ${excerpt}`);
    return { status, problems, stored: [], accepted: 0 };
  }
  if (status === 429 && headers["retry-after"] === undefined) problems.push("429 without Retry-After");
  if (status !== 200) {
    const shape = errorShapeProblem(body);
    if (shape) problems.push(`${shape}: ${excerpt}`);
    return { status, problems, stored: [], accepted: 0 };
  }
  const shape = batchShapeProblem(body);
  if (shape) {
    problems.push(`${shape}: ${excerpt}`);
    return { status, problems, stored: [], accepted: 0 };
  }
  const answer = body as BatchAnswer;
  const stored = fuzzCase.events ? judgeBatch(fuzzCase.events, answer, problems) : [];
  return { status, problems, stored, accepted: answer.accepted };
}
