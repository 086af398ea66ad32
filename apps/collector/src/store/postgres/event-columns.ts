/** The select list of journeys' EventColumns for hand-written PostgreSQL (camelCase aliases must be quoted). */
export const EVENT_COLUMNS_SQL = `id, type, name, anonymous_id AS "anonymousId", customer_id AS "customerId", session_id AS "sessionId", timestamp,
  properties, traits, context, browser, os, device_type AS "deviceType"`;

/** The same columns unaliased, in the order of journeys' EventValues, for rows read as arrays. */
export const EVENT_VALUES_SQL = "id, type, name, anonymous_id, customer_id, session_id, timestamp, properties, traits, context, browser, os, device_type";
