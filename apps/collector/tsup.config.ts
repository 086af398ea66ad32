import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  // Workspace packages ship TypeScript source: bundle them; npm dependencies stay external.
  noExternal: [/^@touchpoint\//],
  // No clean: deleting dist first would leave a moment without dist/cli.js for processes started meanwhile.
  clean: false,
  sourcemap: true,
});
