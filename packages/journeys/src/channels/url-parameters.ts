/**
 * Campaign tags read from the landing URL. Server-side sources and other SDKs often send only
 * `context.url`; the utm_* parameters and ad click ids in its query count as if sent in
 * `context.utm` and `context.clickId`. A field sent explicitly wins over the URL's.
 */
import type { EventContext } from "@touchpoint/protocol";
import { CLICK_ID_PARAMS, UTM_FIELDS } from "@touchpoint/protocol/names";

/** The context with utm and click ids completed from `context.url`'s query; the same object when the URL adds nothing. */
export function withUrlParameters(context: EventContext): EventContext {
  const query = queryOf(context.url);
  if (query === null) return context;
  let parameters: URLSearchParams;
  try {
    parameters = new URLSearchParams(query);
  } catch {
    return context;
  }
  let utm = context.utm;
  for (const field of UTM_FIELDS) {
    const value = parameters.get(`utm_${field}`)?.trim();
    if (!value || utm?.[field]) continue;
    utm = { ...utm, [field]: value };
  }
  let clickId = context.clickId;
  for (const param of CLICK_ID_PARAMS) {
    const value = parameters.get(param)?.trim();
    if (!value || clickId?.[param]) continue;
    clickId = { ...clickId, [param]: value };
  }
  if (utm === context.utm && clickId === context.clickId) return context;
  return { ...context, ...(utm === undefined ? {} : { utm }), ...(clickId === undefined ? {} : { clickId }) };
}

function queryOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  const hash = url.indexOf("#");
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const start = beforeHash.indexOf("?");
  return start < 0 ? null : beforeHash.slice(start + 1);
}
