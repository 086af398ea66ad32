/** The answers a JSON report documents: its 200, and the 400, 401 and 403 every query endpoint gives. */
import { INVALID_PARAMETER, KEY_RESPONSES } from "./query-responses.js";

export function analystJson<S>(schema: S, description: string) {
  return { 200: { description, content: { "application/json": { schema } } }, ...INVALID_PARAMETER, ...KEY_RESPONSES };
}
