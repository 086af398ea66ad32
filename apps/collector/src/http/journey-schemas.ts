/** zod schemas of the journey and customer answers, typed against the engine's own types. */
import { z } from "@hono/zod-openapi";
import type { CustomerSummary, JourneyJson } from "@touchpoint/journeys";
import { contextSchema, DEFAULT_LIMITS, type Properties } from "@touchpoint/protocol";
import { asOfField } from "./as-of-schema.js";

const iso = (description: string) => z.string().openapi({ format: "date-time", description });

const flatValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const flatObject = z.record(z.string(), flatValue);

export const propertiesSchema: z.ZodType<Properties> = z
  .record(z.string(), z.union([flatValue, flatObject, z.array(z.union([flatValue, flatObject])).max(100)]))
  .openapi("Properties", {
    description:
      "String, number, boolean or null values, one level of nesting (an object of those) and arrays of at most 100 of either (e-commerce products[]). Event text: render it as text.",
  });

const contextOfEvent = contextSchema(DEFAULT_LIMITS).openapi("EventContext");
const utm = z.object({
  source: z.string().optional(),
  medium: z.string().optional(),
  campaign: z.string().optional(),
  term: z.string().optional(),
  content: z.string().optional(),
});

const stageEntry = z
  .object({ stage: z.string(), enteredAt: iso("The first time a touchpoint of this stage happened.") })
  .openapi("StageEntry");

const session = z
  .object({
    id: z.string().openapi({ description: "The SDK's session id, or for events without one the id of the session's first event." }),
    channel: z.string().openapi({
      description:
        "GA4's default channel group in snake_case (direct, cross_network, paid_shopping, paid_search, paid_social, paid_video, display, paid_other, organic_shopping, " +
        "organic_social, organic_video, organic_search, referral, email, affiliates, audio, sms, mobile_push_notifications, unassigned), or an explicit context.channel.",
    }),
    startedAt: iso("The session's first touchpoint."),
    endedAt: iso("The session's last touchpoint."),
    landingUrl: z.string().nullable(),
    referrer: z.string().nullable(),
    utm: utm.nullable(),
    touchpoints: z.number().int(),
  })
  .openapi("Session");

const touchpoint = z
  .object({
    id: z.string(),
    type: z.enum(["page", "touchpoint", "identify"]),
    name: z.string(),
    stage: z.string().nullable().openapi({ description: "null when the stage model places the touchpoint in no stage." }),
    channel: z.string().openapi({ description: "The channel of the touchpoint's session." }),
    timestamp: iso("When it happened (clock-skew corrected)."),
    sessionId: z.string(),
    properties: propertiesSchema,
    context: contextOfEvent,
  })
  .openapi("Touchpoint");

const conversion = z
  .object({
    id: z.string(),
    name: z.string(),
    timestamp: iso("When it happened."),
    value: z.number().openapi({ description: "properties.value when it is a finite number, else 0." }),
    currency: z.string().nullable(),
  })
  .openapi("Conversion");

export const journeySchema: z.ZodType<JourneyJson> = z
  .object({
    customerId: z.string().nullable().openapi({ description: "null for a visitor no identify has linked to a customer yet." }),
    anonymousIds: z.array(z.string()).openapi({ description: "Every anonymous id (device) in the journey, in order of first appearance." }),
    traits: propertiesSchema.openapi({ description: "From identify events: per key, the latest value." }),
    currentStage: z.string().nullable().openapi({ description: "The furthest stage reached, in the stage model's order." }),
    stages: z.array(stageEntry),
    sessions: z.array(session),
    touchpoints: z.array(touchpoint).openapi({ description: "In time order; identify events are not touchpoints." }),
    conversions: z.array(conversion),
    lifetimeValue: z.number().openapi({ description: "Sum of the conversions' values (currencies are not converted)." }),
    firstSeen: iso("The journey's earliest event.").nullable(),
    lastSeen: iso("The journey's latest event.").nullable(),
  })
  .openapi("Journey");

export const customerSummarySchema: z.ZodType<CustomerSummary> = z
  .object({
    customerId: z.string().nullable(),
    anonymousId: z
      .string()
      .nullable()
      .openapi({ description: "An anonymous visitor's id (listed with identified=false); null for a known customer." }),
    currentStage: z
      .string()
      .nullable()
      .openapi({ description: "The furthest stage entered as of now (an entry dated in the future is ignored)." }),
    stageEnteredAt: iso("When the current stage was first entered.").nullable(),
    lastSeen: iso("The customer's latest event.").nullable(),
    traits: propertiesSchema,
  })
  .openapi("CustomerSummary");

export const customersPageSchema = z
  .object({
    customers: z.array(customerSummarySchema).openapi({ description: "In customer-id order (byte order)." }),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
    asOf: asOfField,
  })
  .openapi("CustomersPage");

const storedEvent = z
  .object({
    id: z.string(),
    type: z.enum(["page", "touchpoint", "identify"]),
    name: z.string(),
    anonymousId: z.string().nullable(),
    customerId: z.string().nullable().openapi({ description: "The customer id the event carried itself." }),
    sessionId: z.string().nullable(),
    timestamp: iso("When it happened (clock-skew corrected)."),
    receivedAt: iso("When the collector received it."),
    properties: propertiesSchema,
    traits: propertiesSchema.nullable(),
    context: contextOfEvent,
    userAgent: z.string().nullable(),
    device: z.object({ browser: z.string().nullable(), os: z.string().nullable(), type: z.string() }).nullable(),
  })
  .openapi("StoredEvent");

export const customerExportSchema = z
  .object({
    customerId: z.string(),
    traits: propertiesSchema,
    events: z
      .array(storedEvent)
      .openapi({ description: "Every stored event of the customer, anonymous ones of linked devices included, in time order." }),
    links: z
      .array(
        z.object({
          anonymousId: z.string(),
          customerId: z.string(),
          eventId: z.string().openapi({ description: "The identify that made the link." }),
          linkedAt: iso("That identify's time."),
        }),
      )
      .openapi({ description: "The anonymous ids (devices) linked to the customer." }),
  })
  .openapi("CustomerExport");

export const erasureSchema = z
  .object({
    customerId: z.string(),
    erased: z
      .object({ events: z.number().int(), links: z.number().int() })
      .openapi({ description: "How many events and identity links were deleted." }),
  })
  .openapi("Erasure");
