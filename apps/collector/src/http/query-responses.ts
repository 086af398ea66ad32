/** The error answers every query endpoint documents. */
import { errorBodySchema } from "./schemas.js";

export function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: errorBodySchema } } };
}

/** 401 and 403 of requireKey. */
export const KEY_RESPONSES = {
  401: errorResponse("No key, or a key no site has"),
  403: errorResponse("A key of another kind: the write key only ingests, and each endpoint names the key it needs"),
};

export const INVALID_PARAMETER = { 400: errorResponse("A parameter is unknown or out of its domain; `issues[].path` names it") };

/** OpenAPI security scheme names, registered by queryApi. */
export const READ_KEY = [{ readKey: [] }];
export const SECRET_KEY = [{ secretKey: [] }];
