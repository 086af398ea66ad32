const DAY_MS = 86_400_000;

/**
 * The API's [from, to) period from two date inputs (YYYY-MM-DD, whole UTC days): `to` is the day
 * after the last day chosen, so the last day counts in full. Empty inputs leave the period open.
 */
export function periodOf(fromDate: string, toDate: string): { from?: string; to?: string } {
  const period: { from?: string; to?: string } = {};
  if (fromDate) period.from = new Date(`${fromDate}T00:00:00.000Z`).toISOString();
  if (toDate) period.to = new Date(Date.parse(`${toDate}T00:00:00.000Z`) + DAY_MS).toISOString();
  return period;
}
