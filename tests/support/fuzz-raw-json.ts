/**
 * JSON with holes for raw bytes: a `RawJson` placed anywhere in a value is written out byte for
 * byte instead of being encoded, so a body can carry what JSON.stringify never makes (broken
 * UTF-8, 1e999, nesting deeper than the stack allows).
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  static text(text: string): RawJson {
    return new RawJson(Buffer.from(text, "utf8"));
  }

  /** A JSON string whose middle is raw bytes: `"before<bytes>after"`. */
  static stringWith(before: string, bytes: Buffer, after: string): RawJson {
    return new RawJson(
      Buffer.concat([Buffer.from(JSON.stringify(before).slice(0, -1)), bytes, Buffer.from(JSON.stringify(after).slice(1))]),
    );
  }

  /** `depth` nested arrays (`[[[1]]]`) or objects (`{"a":{"a":1}}`), closed or left open. */
  static nested(depth: number, shape: "array" | "object", closed = true): RawJson {
    const open = shape === "array" ? "[" : '{"a":';
    const close = shape === "array" ? "]" : "}";
    return RawJson.text(`${open.repeat(depth)}1${closed ? close.repeat(depth) : ""}`);
  }
}

const HOLE = /"@@raw(\d+)@@"/;

/** JSON.stringify, then each RawJson's bytes in its place. */
export function serialize(value: unknown): Buffer {
  const holes: Buffer[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `@@raw${holes.push(v.bytes) - 1}@@` : v));
  const parts = text.split(HOLE);
  return Buffer.concat(parts.map((part, i) => (i % 2 === 0 ? Buffer.from(part, "utf8") : holes[Number(part)]!)));
}
