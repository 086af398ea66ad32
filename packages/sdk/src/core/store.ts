import { guard } from "./guard.js";

/**
 * Synchronous string storage, as localStorage offers it: the core never touches the platform.
 * (Method names differ from Map's and Storage's so the build can shorten them: tsup.config.ts.)
 */
export interface KeyValueStore {
  read(key: string): string | null;
  write(key: string, value: string): void;
  erase(key: string): void;
  list(): string[];
}

/** A JSON value kept under `key`; null or undefined when absent or unreadable. */
export const readJson = <T>(store: KeyValueStore, key: string): T | null | undefined => guard(() => JSON.parse(store.read(key)!));
