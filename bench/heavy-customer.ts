import { TOUCHPOINT_NAMES } from "@touchpoint/protocol";
import { createUuidV7Generator } from "./load/uuidv7.js";

const EVENTS_PER_BATCH = 100;
const SPACING_MS = 40 * 60 * 1000;
const NAMES = Object.values(TOUCHPOINT_NAMES);
const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

/**
 * Gives one customer a long history (issue 7 times "a customer with ~1,000 events") through the
 * real ingest path: an identify, then touchpoints from the same browser every 40 minutes up to
 * now, each answer checked. Seeded journeys are short; this is the long one.
 */
export async function postHeavyCustomer(collectorUrl: string, writeKey: string, customerId: string, events: number): Promise<void> {
  const nextId = createUuidV7Generator();
  const anonymousId = `${customerId}-browser`;
  const now = Date.now();
  const at = (i: number) => new Date(now - (events - i) * SPACING_MS).toISOString();
  const all = Array.from({ length: events }, (_, i) =>
    i === 0
      ? { id: nextId(), type: "identify", anonymousId, customerId, timestamp: at(i), traits: { persona: "bench" } }
      : {
          id: nextId(),
          type: "touchpoint",
          name: NAMES[i % NAMES.length],
          anonymousId,
          customerId,
          timestamp: at(i),
          properties: { step: i },
        },
  );
  for (let start = 0; start < events; start += EVENTS_PER_BATCH) {
    const batch = all.slice(start, start + EVENTS_PER_BATCH);
    const response = await fetch(`${collectorUrl}/v1/batch`, {
      method: "POST",
      // A browser's User-Agent: fetch's own ("node") is rightly counted as a bot.
      headers: { "content-type": "application/json", "user-agent": BROWSER },
      body: JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events: batch }),
    });
    const answer = await response.text();
    const accepted = response.ok ? (JSON.parse(answer) as { accepted: number }).accepted : -1;
    if (accepted !== batch.length) throw new Error(`posting the heavy customer's events: ${response.status} ${answer.slice(0, 500)}`);
  }
}
