import { writeFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import { snippet } from "./src/snippet.js";

/** A write key as the collector makes them (tp_pub_ + 32 characters), for measuring the snippet. */
const SAMPLE_WRITE_KEY = `tp_pub_${"x".repeat(32)}`;

/*
 * Names of internal methods, shortened in the build (every byte counts against the size budget).
 * They are chosen to appear nowhere else: not in the public API, the wire format or the DOM.
 */
const INTERNAL_PROPS = /^(read|write|erase|list|sync|admit|decide|drain|leave|store|tab|post|beacon|consentState|misuse|report|persist)$/;

// No `clean`: the two builds run side by side, and the collector serves dist/touchpoint.js while
// the SDK is rebuilt; every file is overwritten in place.
const common: Options = {
  target: "es2021",
  minify: true,
  esbuildOptions(options) {
    options.mangleProps = INTERNAL_PROPS;
  },
};

export default defineConfig([
  {
    ...common,
    entry: { index: "src/index.ts" },
    format: "esm",
    // @touchpoint/protocol is private: a path mapping makes the d.ts build inline its types (a
    // package import would stay external), so the published d.ts stands alone.
    dts: { compilerOptions: { ignoreDeprecations: "6.0", paths: { "@touchpoint/protocol/*": ["../protocol/src/*"] } } },
  },
  {
    ...common,
    entry: { touchpoint: "src/script-tag.ts" },
    format: "iife",
    outExtension: () => ({ js: ".js" }),
    async onSuccess() {
      writeFileSync("dist/snippet.html", snippet(SAMPLE_WRITE_KEY, "https://collector.example.com"));
    },
  },
]);
