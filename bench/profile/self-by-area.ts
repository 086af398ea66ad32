import type { FunctionCost } from "./cpu-profile.js";

export interface AreaCost {
  area: string;
  selfPercent: number;
}

/**
 * Adds self time up by where the code lives: one npm package, one Node subsystem, one source
 * file of ours, V8's built-ins (JSON, RegExp, ...) or a V8 pseudo-frame such as the garbage
 * collector. Answers "is it zod, SQLite, hono or us?" before any single function does.
 */
export function selfByArea(functions: readonly FunctionCost[]): AreaCost[] {
  const areas = new Map<string, number>();
  for (const f of functions) {
    const area = areaOf(f);
    areas.set(area, (areas.get(area) ?? 0) + f.selfPercent);
  }
  return [...areas].map(([area, selfPercent]) => ({ area, selfPercent })).sort((a, b) => b.selfPercent - a.selfPercent);
}

function areaOf({ functionName, location }: FunctionCost): string {
  if (location === "") return functionName.startsWith("(") ? functionName : "(V8 built-ins)";
  const file = location.replace(/:\d+$/, "");
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (inPackage !== null) return `node_modules/${inPackage[1]}`;
  const internal = /^node:internal\/([^/]+)/.exec(file);
  if (internal !== null) return `node:internal/${internal[1]?.replace(/\.js$/, "")}`;
  return file;
}
