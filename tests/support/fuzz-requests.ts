import { DEFAULT_LIMITS } from "@touchpoint/protocol/limits";
import { EventFactory, type EventPlan, type PlannedEvent } from "./fuzz-events.js";
import { RawJson, serialize } from "./fuzz-raw-json.js";
import { SQL_LOOKING, UNICODE_EDGES } from "./fuzz-strings.js";
import type { RawRequest } from "./process-http.js";
import { BROWSER_USER_AGENT } from "./process-events.js";
import type { SeededRandom } from "./process-random.js";

/** One hostile request and the answers that are right for it. */
export interface FuzzCase {
  family: string;
  request: Omit<RawRequest, "port" | "agent">;
  /** The statuses a correct collector may answer with. */
  statuses: readonly number[];
  /** The batch's events, when 200 is among the statuses. */
  events?: readonly PlannedEvent[];
}

export interface FuzzSite {
  writeKey: string;
  /** An origin the site allows. */
  origin: string;
}

const PATH = "/v1/batch";
const JSON_TYPE = "application/json";
const BEACON_TYPE = "text/plain;charset=UTF-8";
const WRONG_TYPES: readonly unknown[] = [null, true, 0, -1, 1.5, 1e308, "", [], {}, { a: 1 }];

/**
 * Malformed JSON, each a different way to be wrong. `B` stands for a valid batch's text where a
 * template needs one.
 */
const MALFORMED: readonly ((b: string) => string)[] = [
  (b) => `${b}x`,
  (b) => `${b}}`,
  (b) => `{${b}`,
  (b) => b + b,
  (b) => b.replace(":", "::"),
  (b) => b.replace(",", ",,"),
  (b) => `${b.slice(0, -1)},}`,
  (b) => b.replaceAll('"', "'"),
  (b) => `/* comment */${b}`,
  (b) => b.replace('"writeKey"', "writeKey"),
  (b) => b.replace('"sentAt"', '"sent\\x41t"'),
  () => '{"writeKey":"k","sentAt":"2026-01-01T00:00:00Z","events":[NaN]}',
  () => '{"writeKey":"k","sentAt":"2026-01-01T00:00:00Z","events":[Infinity]}',
  () => '{"writeKey":"k","sentAt":"2026-01-01T00:00:00Z","events":[undefined]}',
  () => '{"writeKey":"k","events":[0x10]}',
  () => '{"writeKey":"k","events":[01]}',
  () => '{"writeKey":"k","events":[+1]}',
  () => '{"writeKey":"k","events":[.5]}',
  () => '{"writeKey":"k","events":[1.]}',
  () => '{"writeKey":"\\x41"}',
  () => '{"writeKey":"\\u12"}',
  () => '{"writeKey":"unterminated}',
  () => '{"writeKey" "k"}',
  () => "{,}",
  () => "[,]",
  () => "",
  () => " ",
  () => "\n\t\r ",
  () => "{}",
  () => "[]",
  () => "null",
  () => "true",
  () => "0",
  () => '"a string"',
  () => '{"writeKey":1e999,"sentAt":"2026-01-01T00:00:00Z","events":[{}]}',
  () => "\u0000",
  () => '{"a":\u0000}',
];

export class FuzzCaseMaker {
  private readonly events: EventFactory;

  constructor(
    private readonly random: SeededRandom,
    private readonly site: FuzzSite,
    private readonly newId: () => string,
  ) {
    this.events = new EventFactory(random, newId);
  }

  next(): FuzzCase {
    const family = this.random.weighted<() => FuzzCase>([
      [40, () => this.eventBatch("event-batch")],
      [5, () => this.validBatch()],
      [10, () => this.truncatedJson()],
      [8, () => this.malformedJson()],
      [3, () => this.randomBytes()],
      [10, () => this.badEnvelope()],
      [3, () => this.deepBody()],
      [4, () => this.wrongContentType()],
      [3, () => this.wrongMethod()],
      [2, () => this.origin()],
      [1, () => this.oversizeWithLength()],
      [1, () => this.oversizeChunked()],
      [1, () => this.chunkedBatch()],
      [1, () => this.tooManyEvents()],
      [0.3, () => this.fullBatch()],
    ]);
    return family();
  }

  private post(
    body: Buffer,
    contentType: string | null = this.random.pick([JSON_TYPE, JSON_TYPE, BEACON_TYPE, "application/json; charset=utf-8"]),
  ): FuzzCase["request"] {
    const headers: Record<string, string> = { "user-agent": BROWSER_USER_AGENT };
    if (contentType !== null) headers["content-type"] = contentType;
    return { method: "POST", path: PATH, headers, body };
  }

  private envelope(events: readonly unknown[]): Record<string, unknown> {
    return { writeKey: this.site.writeKey, sentAt: new Date().toISOString(), events };
  }

  /** 1 to 12 events, each valid, broken in one way, or a copy of an earlier valid one. */
  private batchPlans(): EventPlan[] {
    const plans: EventPlan[] = [];
    const count = this.random.int(1, 12);
    for (let i = 0; i < count; i++) {
      const earlier = plans.filter((p) => p.planned.verdict === "valid");
      if (earlier.length > 0 && this.random.chance(0.05)) {
        const copy = this.random.pick(earlier);
        plans.push({ value: copy.value, planned: { id: copy.planned.id, verdict: "duplicate" } });
      } else {
        plans.push(this.random.chance(0.3) ? this.events.valid() : this.events.mutated());
      }
    }
    return plans;
  }

  /** Statuses of a batch: a broken byte in one event can decide for the whole body. */
  private static batchStatuses(plans: readonly EventPlan[]): readonly number[] {
    if (plans.some((p) => p.bodyStatuses?.length === 1)) return [400];
    if (plans.some((p) => p.bodyStatuses)) return [200, 400];
    return [200];
  }

  private eventBatch(family: string, plans = this.batchPlans()): FuzzCase {
    return {
      family,
      request: this.post(serialize(this.envelope(plans.map((p) => p.value)))),
      statuses: FuzzCaseMaker.batchStatuses(plans),
      events: plans.map((p) => p.planned),
    };
  }

  private validBatch(): FuzzCase {
    return this.eventBatch(
      "valid-batch",
      Array.from({ length: this.random.int(1, 20) }, () => this.events.valid()),
    );
  }

  private truncatedJson(): FuzzCase {
    const body = this.eventBatch("truncated-json").request.body!;
    return { family: "truncated-json", request: this.post(body.subarray(0, this.random.int(0, body.length - 1))), statuses: [400] };
  }

  private malformedJson(): FuzzCase {
    const valid = this.eventBatch("malformed-json").request.body!.toString("utf8");
    return { family: "malformed-json", request: this.post(Buffer.from(this.random.pick(MALFORMED)(valid), "utf8")), statuses: [400] };
  }

  private randomBytes(): FuzzCase {
    return { family: "random-bytes", request: this.post(this.random.bytes(this.random.int(1, 4096))), statuses: [400] };
  }

  /** A valid batch whose envelope is broken in one field; the events inside do not matter. */
  private badEnvelope(): FuzzCase {
    const plans = [this.events.valid()];
    const envelope = this.envelope(plans.map((p) => p.value));
    const field = this.random.pick(["writeKey", "sentAt", "events", "missing", "unknownKey", "hostileKey", "extraKey", "sentAtEdge"]);
    const body = (statuses: readonly number[], events?: readonly PlannedEvent[]): FuzzCase => ({
      family: `envelope-${field}`,
      request: this.post(serialize(envelope)),
      statuses,
      ...(events && { events }),
    });
    switch (field) {
      case "writeKey":
      case "sentAt":
        envelope[field] = structuredClone(this.random.pick(WRONG_TYPES));
        return body([400]);
      case "events": {
        const value = structuredClone(this.random.pick([...WRONG_TYPES, [1]]));
        envelope.events = value;
        // [1] is a valid envelope holding one event that is not an object.
        return Array.isArray(value) && value.length === 1 ? body([200], [{ id: null, verdict: "invalid" }]) : body([400]);
      }
      case "missing":
        delete envelope[this.random.pick(["writeKey", "sentAt", "events"])];
        return body([400]);
      case "unknownKey":
        envelope.writeKey = this.random.pick([`wk_${this.newId()}`, "__proto__", "constructor", ...SQL_LOOKING]);
        return body([401]);
      case "hostileKey": {
        const key = this.random.pick([...UNICODE_EDGES, "k".repeat(129), "k".repeat(100_000)]);
        envelope.writeKey = key;
        // A key of 1 to 128 characters is well-formed as a field and simply unknown.
        return body(key.length > 128 ? [400] : [400, 401]);
      }
      case "extraKey": {
        const key = this.random.pick(["__proto__", "constructor", "prototype", "extra"]);
        Object.defineProperty(envelope, key, {
          value: { writeKey: "stolen", polluted: true },
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return body(
          [200, 400],
          plans.map((p) => ({ ...p.planned, verdict: "either" as const })),
        );
      }
      default: {
        const sentAt = this.random.pick([
          "2026-13-01T00:00:00Z",
          "2026-11-23T10:00:00",
          "yesterday",
          "2026-02-30T00:00:00Z",
          "\u0661\u0662:00",
          "9999-12-31T23:59:59Z",
          "0001-01-01T00:00:00Z",
        ]);
        envelope.sentAt = sentAt;
        // Far-off but well-formed clocks may be corrected or refused; the broken ones are refused.
        return sentAt.startsWith("9999") || sentAt.startsWith("0001")
          ? body(
              [200, 400],
              plans.map((p) => ({ ...p.planned, verdict: "either" as const })),
            )
          : body([400]);
      }
    }
  }

  /** Nesting as the whole body, as the events, as the write key, or left unclosed. */
  private deepBody(): FuzzCase {
    const shape = this.random.pick(["array", "object"] as const);
    const depth = this.random.pick(shape === "array" ? [1_000, 10_000, 100_000, 200_000] : [1_000, 10_000, 50_000]);
    const where = this.random.pick(["body", "writeKey", "unclosed", "events"]);
    const nested = RawJson.nested(depth, shape, where !== "unclosed");
    if (where === "body" || where === "unclosed") return { family: `deep-${where}`, request: this.post(nested.bytes), statuses: [400] };
    if (where === "writeKey")
      return { family: "deep-writeKey", request: this.post(serialize({ ...this.envelope([]), writeKey: nested })), statuses: [400] };
    // events: [[[...]]] is a valid envelope with one event that is not an object; {"a":...} is not an array.
    return shape === "array"
      ? {
          family: "deep-events",
          request: this.post(serialize(this.envelope([RawJson.nested(depth - 1, "array")]))),
          statuses: [200],
          events: [{ id: null, verdict: "invalid" }],
        }
      : { family: "deep-events", request: this.post(serialize({ ...this.envelope([]), events: nested })), statuses: [400] };
  }

  private wrongContentType(): FuzzCase {
    const batch = serialize(this.envelope([this.events.valid().value]));
    const variant = this.random.pick(["multipart", "form", "html", "xml", "utf16", "none"]);
    switch (variant) {
      case "multipart": {
        const boundary = "----touchpointfuzz";
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="batch"\r\nContent-Type: application/json\r\n\r\n`),
          batch,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return { family: "type-multipart", request: this.post(body, `multipart/form-data; boundary=${boundary}`), statuses: [400, 415] };
      }
      case "form":
        return {
          family: "type-form",
          request: this.post(Buffer.from(`batch=${encodeURIComponent(batch.toString("utf8"))}`), "application/x-www-form-urlencoded"),
          statuses: [400, 415],
        };
      case "html":
        return { family: "type-html", request: this.post(batch, "text/html"), statuses: [400, 415] };
      case "xml":
        return {
          family: "type-xml",
          request: this.post(Buffer.from(`<batch>${batch.toString("utf8")}</batch>`), "application/xml"),
          statuses: [400, 415],
        };
      case "utf16":
        return {
          family: "type-utf16",
          request: this.post(
            Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(batch.toString("utf8"), "utf16le")]),
            "application/json; charset=utf-16",
          ),
          statuses: [400, 415],
        };
      default: {
        // No Content-Type at all: the documentation leaves it open whether JSON is assumed.
        const plans = [this.events.valid()];
        return {
          family: "type-none",
          request: this.post(serialize(this.envelope(plans.map((p) => p.value))), null),
          statuses: [200, 400, 415],
          events: plans.map((p) => ({ ...p.planned, verdict: "either" as const })),
        };
      }
    }
  }

  private wrongMethod(): FuzzCase {
    const method = this.random.pick(["GET", "PUT", "DELETE", "PATCH"]);
    const body = method === "GET" || method === "DELETE" ? undefined : serialize(this.envelope([this.events.valid().value]));
    const headers = { "user-agent": BROWSER_USER_AGENT, ...(body && { "content-type": JSON_TYPE }) };
    if (this.random.chance(0.3)) {
      const path = this.random.pick(["/v1/batch/x", "/v1/BATCH", "/v1/batch%00", "/v1/batch/..%2f..%2fhealthz", "/v2/batch"]);
      return {
        family: "wrong-path",
        request: {
          method: "POST",
          path,
          headers: { ...headers, "content-type": JSON_TYPE },
          body: serialize(this.envelope([this.events.valid().value])),
        },
        statuses: [400, 404, 405],
      };
    }
    return { family: "wrong-method", request: { method, path: PATH, headers, ...(body && { body }) }, statuses: [404, 405] };
  }

  private origin(): FuzzCase {
    const evil = this.random.chance(0.6);
    const batch = this.eventBatch(evil ? "origin-refused" : "origin-allowed");
    const origin = evil
      ? this.random.pick(["https://evil.example", "null", `${this.site.origin}.evil.example`, this.site.origin.replace("https", "http")])
      : this.site.origin;
    const request = { ...batch.request, headers: { ...batch.request.headers, origin } };
    // The write key, and so the site and its origins, is known only once the body is read.
    return evil ? { family: batch.family, request, statuses: batch.statuses.includes(400) ? [400, 403] : [403] } : { ...batch, request };
  }

  /** One more byte than the limit up to twice it, announced with Content-Length. */
  private oversizeWithLength(): FuzzCase {
    const { head, padding, tail } = this.paddedBatch(this.random.int(DEFAULT_LIMITS.maxBatchBytes + 1, 2 * DEFAULT_LIMITS.maxBatchBytes));
    return { family: "oversize-length", request: this.post(Buffer.concat([head, Buffer.alloc(padding, "p"), tail])), statuses: [413] };
  }

  /** Over the limit, sent chunked without Content-Length, up to 8 MB if nobody stops it. */
  private oversizeChunked(): FuzzCase {
    const parts = this.paddedBatch(this.random.int(DEFAULT_LIMITS.maxBatchBytes + 1, 16 * DEFAULT_LIMITS.maxBatchBytes));
    const chunk = this.random.pick([1024, 16 * 1024, 64 * 1024]);
    return {
      family: "oversize-chunked",
      request: { ...this.post(Buffer.alloc(0)), body: undefined, chunks: paddedChunks(parts, chunk) },
      statuses: [413],
    };
  }

  /** A normal batch sent chunked: a chunked body under the limit must work. */
  private chunkedBatch(): FuzzCase {
    const batch = this.eventBatch("chunked-batch");
    return { ...batch, request: { ...batch.request, body: undefined, chunks: slices(batch.request.body!, this.random.int(1, 512)) } };
  }

  private tooManyEvents(): FuzzCase {
    const count = DEFAULT_LIMITS.maxEventsPerBatch + this.random.int(1, 500);
    const events = this.random.chance(0.5)
      ? Array.from({ length: count }, () => 0)
      : Array.from({ length: count }, () => ({ id: this.newId() }));
    return { family: "too-many-events", request: this.post(serialize(this.envelope(events))), statuses: [413] };
  }

  /** Exactly the largest batch the protocol allows, all valid. */
  private fullBatch(): FuzzCase {
    const plans = Array.from({ length: DEFAULT_LIMITS.maxEventsPerBatch }, () => this.events.small());
    return this.eventBatch("full-batch", plans);
  }

  /** A valid-looking batch of `size` bytes: its text up to a long property's value, how long that value is, and the rest. */
  private paddedBatch(size: number): PaddedBatch {
    const event = this.events.valid().value as Record<string, unknown>;
    const text = serialize(this.envelope([{ ...event, properties: { pad: "" } }]));
    const at = text.indexOf('"pad":""') + '"pad":"'.length;
    return { head: text.subarray(0, at), padding: Math.max(0, size - text.length), tail: text.subarray(at) };
  }
}

interface PaddedBatch {
  head: Buffer;
  padding: number;
  tail: Buffer;
}

const PAD = Buffer.alloc(64 * 1024, "p");

function* paddedChunks({ head, padding, tail }: PaddedBatch, size: number): Generator<Buffer> {
  yield head;
  for (let left = padding; left > 0; left -= size) yield PAD.subarray(0, Math.min(size, left));
  yield tail;
}

function* slices(body: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}
