import { defineConfig } from "drizzle-kit";

/** Automation's SQLite tables migrate on their own: `npx drizzle-kit generate --config drizzle.automation.config.ts`. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/store/sqlite/automation-schema.ts",
  out: "./drizzle/sqlite-automation",
});
