import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  // Workspace packages ship TypeScript source: bundle them; npm dependencies stay external.
  noExternal: [/^@touchpoint\//],
  clean: true,
  sourcemap: true,
});
