import { describe, expect, it } from "vitest";
import type { FunctionCost } from "./cpu-profile.js";
import { selfByArea } from "./self-by-area.js";

const cost = (functionName: string, location: string, selfPercent: number): FunctionCost => ({
  functionName,
  location,
  selfPercent,
  totalPercent: selfPercent,
});

describe("selfByArea", () => {
  it("groups by package, Node subsystem, our file, built-ins and pseudo-frames", () => {
    expect(
      selfByArea([
        cost("parse", "node_modules/zod/v4/core/schemas.js:10", 10),
        cost("check", "node_modules/zod/v4/core/checks.js:3", 5),
        cost("fetch", "node_modules/@hono/node-server/dist/index.mjs:40", 4),
        cost("readableAddChunk", "node:internal/streams/readable:500", 3),
        cost("onread", "node:internal/stream_base_commons.js:160", 2),
        cost("ingest", "apps/collector/src/ingest/ingest-batch.ts:20", 6),
        cost("parse", "", 7),
        cost("(garbage collector)", "", 8),
      ]),
    ).toEqual([
      { area: "node_modules/zod", selfPercent: 15 },
      { area: "(garbage collector)", selfPercent: 8 },
      { area: "(V8 built-ins)", selfPercent: 7 },
      { area: "apps/collector/src/ingest/ingest-batch.ts", selfPercent: 6 },
      { area: "node_modules/@hono/node-server", selfPercent: 4 },
      { area: "node:internal/streams", selfPercent: 3 },
      { area: "node:internal/stream_base_commons", selfPercent: 2 },
    ]);
  });
});
