import { defineConfig } from "drizzle-kit";

/** `npm run db:generate:postgres` writes a new PostgreSQL migration after a change to its schema; commit it. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/postgres/schema.ts",
  out: "./drizzle/postgres",
});
