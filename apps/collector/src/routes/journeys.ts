import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { customerKey, journeyJson } from "@touchpoint/journeys";
import { ApiError } from "../http/api-error.js";
import { journeySchema } from "../http/journey-schemas.js";
import { queryParams, textParam } from "../http/query-params.js";
import { errorResponse, INVALID_PARAMETER, KEY_RESPONSES, READ_KEY } from "../http/query-responses.js";
import { requireKey, type KeyEnv } from "../http/require-key.js";
import { STAGE_MODEL_PARAM } from "../http/segment-params.js";
import { readJourney } from "../queries/site-journeys.js";
import { stageModelView } from "../queries/stage-model-view.js";
import { visitorJourney } from "../queries/visitor-journey.js";
import type { CustomerRecordStore, JourneyReader, SiteKeyLookup } from "../store/store.js";

const journeyResponse = { description: "The stitched journey, in time order", content: { "application/json": { schema: journeySchema } } };

/** GET /v1/journeys/{customerId} and GET /v1/journeys?anonymousId= (read key). */
export function journeyRoutes(app: OpenAPIHono<KeyEnv>, store: SiteKeyLookup & JourneyReader & CustomerRecordStore): void {
  const readKey = requireKey(store, ["read"]);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/journeys/{customerId}",
      summary: "A customer's journey",
      description:
        "Every touchpoint of the customer across devices, before and after they were known, placed in sessions (with channels) and in the stages of the site's stage model, which is applied at query time.",
      security: READ_KEY,
      middleware: readKey,
      request: {
        params: z.object({ customerId: textParam("The customer id the site sends with identify") }),
        query: queryParams({ ...STAGE_MODEL_PARAM }),
      },
      responses: {
        200: journeyResponse,
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: errorResponse("No event of this customer is stored"),
      },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      const { site } = stageModelView(store, c.get("site"), c.req.valid("query").stageModel);
      const journey = await readJourney(store, site, customerKey(customerId));
      if (journey === null) throw new ApiError(404, "unknown_customer", `no event of the customer ${JSON.stringify(customerId)} is stored`);
      return c.json(journeyJson(journey), 200);
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
      middleware: readKey,
      request: { query: queryParams({ anonymousId: textParam("The SDK's anonymous id of the browser"), ...STAGE_MODEL_PARAM }) },
      responses: {
        200: journeyResponse,
        ...INVALID_PARAMETER,
        ...KEY_RESPONSES,
        404: errorResponse("No event of this anonymous id is stored"),
      },
    }),
    async (c) => {
      const { anonymousId, stageModel } = c.req.valid("query");
      const { site } = stageModelView(store, c.get("site"), stageModel);
      const journey = await visitorJourney(store, site, anonymousId);
      if (journey === null)
        throw new ApiError(404, "unknown_visitor", `no event of the anonymous id ${JSON.stringify(anonymousId)} is stored`);
      return c.json(journeyJson(journey), 200);
    },
  );
}
