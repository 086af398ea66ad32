import { afterAll, beforeAll } from "vitest";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.js";

/**
 * One throwaway PostgreSQL server for the calling suite: started before its tests (initdb takes
 * a few seconds), stopped and removed after them. Returns a getter for the server.
 */
export function useThrowawayPostgres(settings?: Readonly<Record<string, string>>): () => ThrowawayPostgres {
  let server: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    server = await startThrowawayPostgres(settings);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error("the throwaway PostgreSQL server is not running");
    return server;
  };
}
