/**
 * The response encoding a client accepts, by its Accept-Encoding header (RFC 9110 12.5.3):
 * brotli when it takes it, else gzip, else none. A q of 0 refuses a coding; `*` stands for
 * every coding the header does not name.
 */
export type ResponseEncoding = "br" | "gzip";

export function acceptedEncoding(header: string | undefined): ResponseEncoding | null {
  if (header === undefined) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [coding = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (coding === "") continue;
    const q = parameters.find((parameter) => parameter.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  const wildcard = weights.get("*") ?? 0;
  for (const coding of ["br", "gzip"] as const) if ((weights.get(coding) ?? wildcard) > 0) return coding;
  return null;
}
