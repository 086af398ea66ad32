/** The 400 of the query API: `{ error: { code: "invalid_parameter", message, issues: [{ path: "<param>", message }] } }`. */
import { InvalidOptionError } from "@touchpoint/journeys";
import { toFieldErrors, type FieldError } from "@touchpoint/protocol";
import type { ZodError } from "zod";
import { ApiError } from "./api-error.js";

/** A 400 naming each refused field; the message joins them: `path: message; ...`. */
export function invalidParameter(issues: FieldError[], code: "invalid_parameter" | "invalid_body" = "invalid_parameter"): ApiError {
  const message = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ");
  return new ApiError(400, code, message, { issues });
}

/** The OpenAPI layer's hook: a request whose parameters or body fail their schema gets the 400 above. */
export function answerInvalidInput(result: { success: true } | { success: false; error: ZodError; target: string }): undefined {
  if (result.success) return undefined;
  throw invalidParameter(toFieldErrors(result.error.issues), result.target === "json" ? "invalid_body" : "invalid_parameter");
}

/**
 * Resolves with `answer()`, or throws the 400 naming the option when the engine refuses one:
 * InvalidOptionError carries the option's name, which is the query parameter's.
 */
export async function answerOrInvalid<R>(answer: () => Promise<R>): Promise<R> {
  try {
    return await answer();
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    const prefix = `${error.option}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw invalidParameter([{ path: error.option, message }]);
  }
}
