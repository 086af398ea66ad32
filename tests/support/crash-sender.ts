import http from "node:http";
import { answerJson, sendRequest } from "./process-http.js";
import { BROWSER_USER_AGENT, batchBody, touchpointEvent } from "./process-events.js";
import type { SeededRandom } from "./process-random.js";
import type { TouchpointEvent } from "@touchpoint/protocol/types";

/** Everything the senders saw, summed over all of them. */
export interface DeliveryLedger {
  batches: number;
  eventsSent: number;
  requests: number;
  /** Requests beyond each batch's first. */
  retries: number;
  /** Events of batches that needed at least one retry. */
  retriedEvents: number;
  /** Requests that got no answer: connection refused or reset, timeout. */
  unanswered: number;
  serverErrors: number;
  throttled: number;
  /** Sum of `accepted` over the first 2xx answer of every batch. */
  acceptedSum: number;
  /** Sum of `duplicates` there: events a lost answer had committed already. */
  recoveredDuplicates: number;
  /** Acknowledged batches sent again on purpose, as a second tab or a lost ack would. */
  resends: number;
  acknowledgedIds: Set<string>;
  violations: string[];
}

export function newLedger(): DeliveryLedger {
  return {
    batches: 0,
    eventsSent: 0,
    requests: 0,
    retries: 0,
    retriedEvents: 0,
    unanswered: 0,
    serverErrors: 0,
    throttled: 0,
    acceptedSum: 0,
    recoveredDuplicates: 0,
    resends: 0,
    acknowledgedIds: new Set(),
    violations: [],
  };
}

interface BatchAnswer {
  accepted: number;
  duplicates: number;
  bots: number;
  rejected: unknown[];
}

function isBatchAnswer(v: unknown): v is BatchAnswer {
  const a = v as BatchAnswer | undefined;
  return typeof a?.accepted === "number" && typeof a.duplicates === "number" && typeof a.bots === "number" && Array.isArray(a.rejected);
}

export interface SenderOptions {
  port: number;
  writeKey: string;
  random: SeededRandom;
  newId: () => string;
  ledger: DeliveryLedger;
  /** Checked before each new batch; a batch under way is always delivered to the end. */
  keepSending: () => boolean;
}

const RETRY_BASE_MS = 25;
const RETRY_CAP_MS = 400;
/** About a minute of backoff: a collector down that long will not come back within the test. */
const MAX_ATTEMPTS = 300;

/**
 * One sender, like one browser tab's SDK: batches of 5 to 50 fresh events, each retried with the
 * same ids after no answer, a 5xx or a 429 (backing off with full jitter, honouring Retry-After)
 * until a 2xx acknowledges it.
 */
export async function runSender(options: SenderOptions): Promise<void> {
  const { random, ledger } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const anonymousId = `anon-${options.newId()}`;
  const acknowledged: TouchpointEvent[][] = [];
  try {
    while (options.keepSending()) {
      if (acknowledged.length > 0 && random.chance(0.05)) {
        const events = random.pick(acknowledged);
        ledger.resends++;
        const answer = await deliver(events, agent, options);
        if (answer && (answer.accepted !== 0 || answer.duplicates !== events.length)) {
          ledger.violations.push(
            `an acknowledged batch of ${events.length} sent again was answered ${JSON.stringify(answer)}: expected 0 accepted, ${events.length} duplicates`,
          );
        }
        continue;
      }
      const events = Array.from({ length: random.int(5, 50) }, () =>
        touchpointEvent(options.newId(), anonymousId, { step: ledger.eventsSent }),
      );
      ledger.batches++;
      ledger.eventsSent += events.length;
      const answer = await deliver(events, agent, options);
      if (answer) acknowledged.push(events);
    }
  } finally {
    agent.destroy();
  }
}

/** Sends one batch until it is acknowledged; checks and books the acknowledgement. */
async function deliver(events: TouchpointEvent[], agent: http.Agent, options: SenderOptions): Promise<BatchAnswer | null> {
  const { ledger, random } = options;
  let failedAttempts = 0;
  for (;;) {
    ledger.requests++;
    if (failedAttempts > 0) ledger.retries++;
    const outcome = await sendRequest({
      port: options.port,
      method: "POST",
      path: "/v1/batch",
      headers: { "content-type": "application/json", "user-agent": BROWSER_USER_AGENT },
      // sentAt is set per attempt, as the SDK does.
      body: Buffer.from(batchBody(options.writeKey, events)),
      agent,
      timeoutMs: 15_000,
    });
    let waitMs = random.int(0, Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** failedAttempts));
    if (!outcome.answered) {
      ledger.unanswered++;
    } else if (outcome.answer.status >= 200 && outcome.answer.status < 300) {
      const answer = answerJson(outcome.answer);
      if (!isBatchAnswer(answer)) {
        ledger.violations.push(`2xx without a batch answer: ${outcome.answer.body.toString("utf8").slice(0, 200)}`);
        return null;
      }
      book(events, answer, failedAttempts, ledger);
      return answer;
    } else if (outcome.answer.status === 429) {
      ledger.throttled++;
      const retryAfter = Number(outcome.answer.headers["retry-after"]);
      if (Number.isFinite(retryAfter)) waitMs = Math.min(retryAfter * 1000, 5_000);
    } else if (outcome.answer.status >= 500) {
      ledger.serverErrors++;
    } else {
      ledger.violations.push(
        `a valid batch was refused with ${outcome.answer.status}: ${outcome.answer.body.toString("utf8").slice(0, 200)}`,
      );
      return null;
    }
    failedAttempts++;
    if (failedAttempts > MAX_ATTEMPTS) {
      ledger.violations.push(`a batch of ${events.length} was not acknowledged after ${MAX_ATTEMPTS} attempts`);
      return null;
    }
    await new Promise((r) => setTimeout(r, waitMs));
  }
}

function book(events: TouchpointEvent[], answer: BatchAnswer, failedAttempts: number, ledger: DeliveryLedger): void {
  const firstTime = !events.some((e) => ledger.acknowledgedIds.has(e.id));
  if (answer.rejected.length > 0 || answer.bots > 0)
    ledger.violations.push(`valid events rejected or taken for bots: ${JSON.stringify(answer)}`);
  if (answer.accepted + answer.duplicates !== events.length)
    ledger.violations.push(`accepted + duplicates = ${answer.accepted + answer.duplicates} for a batch of ${events.length}`);
  if (!firstTime) return;
  // Only an earlier attempt that went unanswered can have stored some of these events already.
  if (failedAttempts === 0 && answer.duplicates > 0)
    ledger.violations.push(`a batch answered at its first attempt counted ${answer.duplicates} duplicates`);
  if (failedAttempts > 0) ledger.retriedEvents += events.length;
  ledger.acceptedSum += answer.accepted;
  ledger.recoveredDuplicates += answer.duplicates;
  for (const event of events) ledger.acknowledgedIds.add(event.id);
}
