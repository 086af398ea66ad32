import { InvalidOptionError } from "./invalid-option.js";
import type { PathTouch } from "./path-touch.js";

/**
 * Path transforms with Snowplow's names and semantics (dbt-snowplow-fractribution, which took the
 * first four from Google's fractribution), applied to a path before any model sees it:
 * - `unique`: identity. D A B B C D C C -> D A B B C D C C
 * - `exposure`: collapse consecutive repeats. -> D A B C D C
 * - `first`: keep the first occurrence of each key. -> D A B C
 * - `frequency`: first occurrence of each key, labelled with its count. -> D(2) A(1) B(2) C(3)
 * - `remove_if_not_all` with a key: drop every touch of that key, unless the path has only that key.
 *   target A: A B A A -> B
 * - `remove_if_last_and_not_all` with a key: drop the trailing run of that key, unless the path has
 *   only that key. target A: A B A A -> A B
 * A collapsed or deduplicated touch keeps the time and channel of its first occurrence.
 */
export const PATH_TRANSFORMS = ["unique", "exposure", "first", "frequency", "remove_if_not_all", "remove_if_last_and_not_all"] as const;

export type PathTransform =
  | { name: "unique" | "exposure" | "first" | "frequency" }
  | { name: "remove_if_not_all" | "remove_if_last_and_not_all"; key: string };

const TARGETED = new Set<string>(["remove_if_not_all", "remove_if_last_and_not_all"]);

/**
 * Reads one transform as a query string spells it: `exposure`, or `remove_if_not_all:direct`
 * (the key follows the first colon, so it may itself hold colons). Several transforms are several
 * parameters, applied in order.
 */
export function parsePathTransform(text: string): PathTransform {
  const colon = text.indexOf(":");
  if (colon < 0) return validatePathTransform({ name: text });
  return validatePathTransform({ name: text.slice(0, colon), key: text.slice(colon + 1) });
}

/** Checks a transform handed in as data: a known name, and a non-empty key exactly when it needs one. */
export function validatePathTransform(transform: { name: string; key?: string | undefined }): PathTransform {
  const { name, key } = transform;
  if (!(PATH_TRANSFORMS as readonly string[]).includes(name)) {
    throw new InvalidOptionError("transform", `unknown transform ${JSON.stringify(name)}; expected one of ${PATH_TRANSFORMS.join(", ")}`);
  }
  if (TARGETED.has(name)) {
    if (!key) throw new InvalidOptionError("transform", `${name} needs a key to remove, e.g. ${name}:direct`);
    return { name: name as "remove_if_not_all" | "remove_if_last_and_not_all", key };
  }
  if (key !== undefined) throw new InvalidOptionError("transform", `${name} takes no key`);
  return { name: name as "unique" | "exposure" | "first" | "frequency" };
}

export function transformPath<T extends PathTouch>(path: readonly T[], transforms: readonly PathTransform[]): T[] {
  let result = path as T[];
  for (const transform of transforms) result = applyTransform(result, transform);
  return result;
}

function applyTransform<T extends PathTouch>(path: T[], transform: PathTransform): T[] {
  switch (transform.name) {
    case "unique":
      return path;
    case "exposure":
      return path.filter((touch, i) => i === 0 || touch.key !== path[i - 1]?.key);
    case "first": {
      const seen = new Set<string>();
      return path.filter((touch) => {
        if (seen.has(touch.key)) return false;
        seen.add(touch.key);
        return true;
      });
    }
    case "frequency": {
      const counts = new Map<string, number>();
      for (const touch of path) counts.set(touch.key, (counts.get(touch.key) ?? 0) + 1);
      const firsts = applyTransform(path, { name: "first" });
      return firsts.map((touch) => ({ ...touch, label: `${touch.key}(${counts.get(touch.key)})` }));
    }
    case "remove_if_not_all": {
      const kept = path.filter((touch) => touch.key !== transform.key);
      return kept.length > 0 ? kept : path;
    }
    case "remove_if_last_and_not_all": {
      let end = path.length;
      while (end > 0 && path[end - 1]?.key === transform.key) end--;
      return end > 0 ? path.slice(0, end) : path;
    }
  }
}
