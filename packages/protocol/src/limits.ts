/** Protocol limits. The collector may override any of them; the SDK splits its batches by them. */
export interface ProtocolLimits {
  /** Bytes of one event as UTF-8 JSON. */
  maxEventBytes: number;
  /** Bytes of one request body. */
  maxBatchBytes: number;
  maxEventsPerBatch: number;
  /** Characters of an event id, anonymous id, session id or customer id. */
  maxIdLength: number;
  /** Characters of an event name, property key or trait key. */
  maxNameLength: number;
  maxPropertyKeys: number;
  /** Characters of one string value in properties, traits or context. */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: Readonly<ProtocolLimits> = Object.freeze({
  maxEventBytes: 32 * 1024,
  maxBatchBytes: 500 * 1024,
  maxEventsPerBatch: 1000,
  maxIdLength: 64,
  maxNameLength: 64,
  maxPropertyKeys: 100,
  maxStringLength: 2000,
});
