/** A PostgreSQL URL fit for logs and error messages: its password masked. */
export function postgresLabel(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "a PostgreSQL URL that does not parse";
  }
}
