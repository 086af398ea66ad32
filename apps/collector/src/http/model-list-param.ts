/**
 * `model=linear,markov` or `model=linear&model=markov`: one or more attribution models, each
 * once, in the order given. An unknown name is refused naming the allowed ones, as a one-value
 * parameter would be.
 */
import { z } from "@hono/zod-openapi";

export function modelListParam<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .union([z.string(), z.array(z.string())], {
      error: (issue) => (issue.input === undefined ? "is required" : "must be a model name or a comma-separated list"),
    })
    .transform((value, ctx) => {
      const names = (typeof value === "string" ? [value] : value).flatMap((part) => part.split(","));
      const unknown = names.find((name) => !(values as readonly string[]).includes(name));
      if (unknown !== undefined) {
        ctx.addIssue({ code: "custom", message: `must be one of ${values.join(", ")}; got ${JSON.stringify(unknown)}` });
        return z.NEVER;
      }
      if (new Set(names).size !== names.length) {
        ctx.addIssue({ code: "custom", message: "names a model twice" });
        return z.NEVER;
      }
      return names as T[number][];
    })
    .openapi({ description, type: "array", items: { type: "string", enum: [...values] }, example: [values[0]] });
}
