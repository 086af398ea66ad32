/** An allowed origin as browsers send it in the Origin header: scheme://host[:port], no path. */
export function normalizeOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(`"${input}" is not a URL; an origin looks like https://shop.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`"${input}" must be an http or https origin`);
  return url.origin;
}

/** A site without configured origins accepts every origin; requests without Origin (servers, curl) always pass. */
export function originAllowed(allowed: readonly string[], origin: string | null): boolean {
  return origin === null || allowed.length === 0 || allowed.includes(origin);
}
