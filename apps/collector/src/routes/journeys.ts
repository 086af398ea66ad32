import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { customerKey } from "@touchpoint/journeys";
import type { Context } from "hono";
import { etag } from "hono/etag";
import { ApiError } from "../http/api-error.js";
import { journeySchema } from "../http/journey-schemas.js";
import { queryParams, textParam } from "../http/query-params.js";
import { errorResponse, INVALID_PARAMETER, KEY_RESPONSES, READ_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { STAGE_MODEL_PARAM } from "../http/segment-params.js";
import { createJourneyAnswers, type JourneyAnswer } from "../queries/journey-answers.js";
import { stageModelView } from "../queries/stage-model-view.js";
import { visitorPersonKey } from "../queries/visitor-person-key.js";
import type { CustomerRecordStore, JourneyReader, MarkedPersonReader, SiteKeyLookup } from "../store/store.js";

const journeyResponse = {
  description: "The stitched journey, in time order",
  headers: z.object({
    ETag: z.string().openapi({
      description: "A weak validator that changes whenever the person's events or the stage model do; send it back in If-None-Match",
    }),
  }),
  content: { "application/json": { schema: journeySchema } },
};
const notModified = { description: "If-None-Match named the journey's current ETag: it is unchanged" };

/**
 * The answer's text as it is: hono's etag() answers 304 by its ETag, and compressJson compresses
 * it. Vary is set here as well, so that etag() keeps it on a 304.
 */
const journeyAnswered = (c: Context, { json, etag }: JourneyAnswer) =>
  c.body(json, 200, { "content-type": "application/json", vary: "Accept-Encoding", etag });

/** GET /v1/journeys/{customerId} and GET /v1/journeys?anonymousId= (read key). */
export function journeyRoutes(
  app: OpenAPIHono<KeyEnv>,
  store: SiteKeyLookup & JourneyReader & MarkedPersonReader & CustomerRecordStore,
): void {
  const readKey = requireKey(store, ["read"]);
  const answers = createJourneyAnswers();

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/journeys/{customerId}",
      summary: "A customer's journey",
      description:
        "Every touchpoint of the customer across devices, before and after they were known, placed in sessions (with channels) and in the stages of the site's stage model, which is applied at query time.",
      security: READ_KEY,
      middleware: [readKey, etag()] as const,
      request: {
        params: z.object({ customerId: textParam("The customer id the site sends with identify") }),
        query: queryParams({ ...STAGE_MODEL_PARAM }),
      },
      responses: {
        200: journeyResponse,
        304: notModified,
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: errorResponse("No event of this customer is stored"),
      },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      const { site } = stageModelView(store, c.get("site"), c.req.valid("query").stageModel);
      const answer = await answers.answer(store, site, customerKey(customerId));
      if (answer === null) throw new ApiError(404, "unknown_customer", `no event of the customer ${JSON.stringify(customerId)} is stored`);
      return journeyAnswered(c, answer);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/journeys",
      summary: "A visitor's journey by anonymous id",
      description:
        "For a visitor not yet known. Once an identify has linked the anonymous id to a customer, the answer is that customer's whole journey " +
        "(its `customerId` says whose; no redirect), since the visitor's events belong to it.",
      security: READ_KEY,
      middleware: [readKey, etag()] as const,
      request: { query: queryParams({ anonymousId: textParam("The SDK's anonymous id of the browser"), ...STAGE_MODEL_PARAM }) },
      responses: {
        200: journeyResponse,
        304: notModified,
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: errorResponse("No event of this anonymous id is stored"),
      },
    }),
    async (c) => {
      const { anonymousId, stageModel } = c.req.valid("query");
      const { site } = stageModelView(store, c.get("site"), stageModel);
      const answer = await answers.answer(store, site, await visitorPersonKey(store, site, anonymousId));
      if (answer === null)
        throw new ApiError(404, "unknown_visitor", `no event of the anonymous id ${JSON.stringify(anonymousId)} is stored`);
      return journeyAnswered(c, answer);
    },
  );
}
