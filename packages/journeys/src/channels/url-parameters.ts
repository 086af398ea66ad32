/**
 * Campaign tags read from the landing URL. Server-side sources and other SDKs often send only
 * `context.url`; the utm_* parameters and ad click ids in its query count as if sent in
 * `context.utm` and `context.clickId`. A field sent explicitly wins over the URL's.
 */
import type { EventContext } from "@touchpoint/protocol";
import { CLICK_ID_PARAMS, UTM_FIELDS } from "@touchpoint/protocol/names";

const CLICK_IDS = new Set<string>(CLICK_ID_PARAMS);
const UTM_NAMES = new Set<string>(UTM_FIELDS.map((field) => `utm_${field}`));

type Utm = NonNullable<EventContext["utm"]>;
type ClickIds = NonNullable<EventContext["clickId"]>;

/** The context with utm and click ids completed from `context.url`'s query; the same object when the URL adds nothing. */
export function withUrlParameters(context: EventContext): EventContext {
  const query = queryOf(context.url);
  if (query === null) return context;
  // A hand scan rather than URLSearchParams, gathering what the URL adds and building the result
  // once: a landing is classified once per session, and this reads only the parameters it needs.
  let utm: Record<string, string> | null = null;
  let clickId: Record<string, string> | null = null;
  for (const pair of query.split("&")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    const name = pair.slice(0, equals);
    const isUtm = name.startsWith("utm_") && UTM_NAMES.has(name);
    if (!isUtm && !CLICK_IDS.has(name)) continue;
    const value = decoded(pair.slice(equals + 1));
    if (!value) continue;
    if (isUtm) {
      const field = name.slice(4) as keyof Utm;
      if (!context.utm?.[field] && !utm?.[field]) (utm ??= {})[field] = value;
    } else {
      const param = name as keyof ClickIds;
      if (!context.clickId?.[param] && !clickId?.[param]) (clickId ??= {})[param] = value;
    }
  }
  if (utm === null && clickId === null) return context;
  const completed: EventContext = { ...context };
  if (utm !== null) completed.utm = Object.assign({}, context.utm, utm);
  if (clickId !== null) completed.clickId = Object.assign({}, context.clickId, clickId);
  return completed;
}

/** A query value as form encoding writes it (`+` for a space, %-escapes), trimmed; "" when it does not decode. */
function decoded(raw: string): string {
  if (!raw.includes("%") && !raw.includes("+")) return raw.trim();
  try {
    return decodeURIComponent(raw.replace(/\+/g, " ")).trim();
  } catch {
    return "";
  }
}

function queryOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  const hash = url.indexOf("#");
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const start = beforeHash.indexOf("?");
  return start < 0 ? null : beforeHash.slice(start + 1);
}
