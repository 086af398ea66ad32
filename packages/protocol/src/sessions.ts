/**
 * When a visit ends: the SDK starts a new sessionId, and the engine groups events without one
 * into a new session, after the same idle time and at the same maximum length, so a session the
 * browser reports and a session the engine infers are the same thing.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 24 * 3_600_000;
