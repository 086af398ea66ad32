/** Requests with a JSON body and a Bearer key through app.request; the answer's JSON (null when empty). */
export function jsonCall(app: () => { request(path: string, init: RequestInit): Response | Promise<Response> }, defaultKey: () => string) {
  return async (method: string, path: string, body?: unknown, key = defaultKey()) => {
    const res = await app().request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? null : JSON.parse(text) };
  };
}
