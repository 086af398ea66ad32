/** The collector's query API with a read key, as the dashboard calls it. */
export function readApi(collectorUrl: string, readKey: string) {
  return async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${collectorUrl}${path}`, { headers: { authorization: `Bearer ${readKey}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
