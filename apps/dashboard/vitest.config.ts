import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "happy-dom",
    // Dates are shown in the viewer's time zone; tests pin it so expected strings are exact.
    env: { TZ: "UTC" },
  },
});
