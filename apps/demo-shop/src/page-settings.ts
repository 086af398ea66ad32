/** What the shop's pages learn at serve time: where the collector is and the site's write key. */
export interface PageSettings {
  collectorUrl: string;
  writeKey: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * The collector's base URL without a trailing slash. Only http(s) URLs are accepted: the value
 * becomes a script's src, where a `javascript:` URL would run code.
 */
export function normalizeCollectorUrl(collectorUrl: string): string {
  let url: URL;
  try {
    url = new URL(collectorUrl);
  } catch {
    throw new TypeError(`collectorUrl must be an absolute http(s) URL, got "${collectorUrl}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`collectorUrl must use http or https, got "${url.protocol}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * Fills the `{{COLLECTOR}}` and `{{WRITE_KEY}}` placeholders of a page, escaped. One pass, so a
 * value that itself contains a placeholder is never substituted again.
 */
export function injectPageSettings(html: string, settings: PageSettings): string {
  return html.replace(/\{\{(COLLECTOR|WRITE_KEY)\}\}/g, (_, name: string) =>
    escapeHtml(name === "COLLECTOR" ? settings.collectorUrl : settings.writeKey),
  );
}
