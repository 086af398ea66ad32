import { defineConfig } from "drizzle-kit";

/** Automation's PostgreSQL tables migrate on their own: `npx drizzle-kit generate --config drizzle.automation.postgres.config.ts`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/postgres/automation-schema.ts",
  out: "./drizzle/postgres-automation",
});
