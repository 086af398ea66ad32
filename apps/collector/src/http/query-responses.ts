/** The error answers every query endpoint documents. */
import { errorBodySchema } from "./schemas.js";

export function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: errorBodySchema } } };
}

/** 401 and 403 of requireKey (400 and 404 when the admin token names no site, or an unknown one, are in its scheme). */
export const KEY_RESPONSES = {
  401: errorResponse("No key, or a key no site has"),
  403: errorResponse("A key of another kind: the write key only ingests, and each endpoint names the key it needs"),
};

export const INVALID_PARAMETER = { 400: errorResponse("A parameter is unknown or out of its domain; `issues[].path` names it") };

/** OpenAPI security scheme names, registered by queryApi. */
export const READ_KEY: Record<string, string[]>[] = [{ readKey: [] }, { adminToken: [] }];
export const SECRET_KEY: Record<string, string[]>[] = [{ secretKey: [] }];
