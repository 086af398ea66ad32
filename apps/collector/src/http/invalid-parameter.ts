/** The 400 of the query API: `{ error: { code: "invalid_parameter", message, issues: [{ path: "<param>", message }] } }`. */
import type { Context } from "hono";
import { InvalidOptionError } from "@touchpoint/journeys";
import { toFieldErrors, type FieldError } from "@touchpoint/protocol";
import type { ZodError } from "zod";

export function invalidParameter(c: Context, issues: FieldError[], code = "invalid_parameter") {
  const message = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ");
  return c.json({ error: { code, message, issues } }, 400);
}

/** The OpenAPI layer's hook: a request whose parameters or body fail their schema gets the 400 above. */
export function answerInvalidInput(result: { success: true } | { success: false; error: ZodError; target: string }, c: Context) {
  if (result.success) return undefined;
  return invalidParameter(c, toFieldErrors(result.error.issues), result.target === "json" ? "invalid_body" : "invalid_parameter");
}

/**
 * Resolves with `answer()`, or with the 400 naming the option when the engine refuses one:
 * InvalidOptionError carries the option's name, which is the query parameter's.
 */
export async function answerOrInvalid<R>(c: Context, answer: () => Promise<R>) {
  try {
    return await answer();
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    const prefix = `${error.option}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return invalidParameter(c, [{ path: error.option, message }]);
  }
}
