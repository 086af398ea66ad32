/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  /** Node id on top of the stack at each sample. */
  samples: number[];
  /** Microseconds from the previous sample (the first: from the profile's start) to each sample. */
  timeDeltas: number[];
}

/** Where a function is defined; `line` is 1-based. */
export interface CodeLocation {
  file: string;
  line: number;
}

/** Maps a generated location (0-based, as V8 reports it) back to source, e.g. through a source map. */
export type Locate = (url: string, line: number, column: number) => CodeLocation;

export interface FunctionCost {
  functionName: string;
  /** "" for V8's pseudo-frames: (garbage collector), (program), (idle). */
  location: string;
  /** Share of busy samples with this function on top of the stack. */
  selfPercent: number;
  /** Share of busy samples with this function anywhere on the stack. */
  totalPercent: number;
}

export interface ProfileSummary {
  samples: number;
  /** Samples in which the process was waiting for work: 100% busy means CPU-bound. */
  idlePercent: number;
  /** Busy samples by function, most self time first. */
  functions: FunctionCost[];
}

const IDLE = "(idle)";

/**
 * Self and total time per function, merged over every call path that reached it, as shares of
 * the samples in which the process was busy (idle samples say nothing about where time goes).
 * A function counts once per sample in its total even when it recurses. Samples in the first
 * `skipFirstMs` (start-up, warm-up) are left out.
 */
export function summarizeCpuProfile(profile: CpuProfile, locate: Locate = plainLocation, skipFirstMs = 0): ProfileSummary {
  const parent = new Map<number, number>();
  const keyOf = new Map<number, string>();
  const described = new Map<string, { functionName: string; location: string }>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName === "" ? "(anonymous)" : functionName;
    let location = "";
    if (url !== "") {
      const at = locate(url, lineNumber, columnNumber);
      location = `${at.file}:${at.line}`;
    }
    const key = `${name} ${location}`;
    keyOf.set(node.id, key);
    described.set(key, { functionName: name, location });
  }

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  let samples = 0;
  let elapsedUs = 0;
  for (const [i, sample] of profile.samples.entries()) {
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs < skipFirstMs * 1000) continue;
    samples += 1;
    const leaf = keyOf.get(sample);
    if (leaf === undefined) throw new Error(`sample names node ${sample}, which the profile does not have`);
    if (leaf === `${IDLE} `) continue;
    busy += 1;
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) onStack.add(keyOf.get(id) as string);
    for (const key of onStack) total.set(key, (total.get(key) ?? 0) + 1);
  }

  const share = (n: number) => (busy === 0 ? 0 : (100 * n) / busy);
  const functions = [...total.keys()]
    .filter((key) => key !== "(root) ")
    .map((key) => ({
      ...(described.get(key) as { functionName: string; location: string }),
      selfPercent: share(self.get(key) ?? 0),
      totalPercent: share(total.get(key) ?? 0),
    }))
    .sort((a, b) => b.selfPercent - a.selfPercent || b.totalPercent - a.totalPercent || a.functionName.localeCompare(b.functionName));
  return { samples, idlePercent: samples === 0 ? 0 : (100 * (samples - busy)) / samples, functions };
}

function plainLocation(url: string, line: number): CodeLocation {
  return { file: url, line: line + 1 };
}
