import { defineConfig } from "tsup";

// ESM and CommonJS with their own type files: servers still `require` as often as they import.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  target: "node20",
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
});
