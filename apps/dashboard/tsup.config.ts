import { defineConfig, type Options } from "tsup";

/**
 * One index.html (copied from public/), one minified IIFE and one stylesheet: three files the
 * collector serves as they are, under a strict Content-Security-Policy.
 */
export const dashboardBuild: Options = {
  entry: { dashboard: "src/main.ts" },
  format: ["iife"],
  platform: "browser",
  target: "es2022",
  outDir: "dist",
  outExtension: () => ({ js: ".js" }),
  publicDir: "public",
  minify: true,
  clean: true,
  sourcemap: false,
  dts: false,
};

export default defineConfig(dashboardBuild);
