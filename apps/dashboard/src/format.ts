/** How numbers, shares, durations and times read on the dashboard. Times are UTC, as the API's periods are. */
const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MISSING = "–";

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** An amount with its ISO 4217 currency when known (€1,234.50), else the bare number. */
export function formatMoney(value: number, currency?: string | null): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      value,
    );
  }
  return moneyFormat.format(value);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? MISSING : `${(share * 100).toFixed(1)}%`;
}

export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? MISSING : `${days.toFixed(1)} d`;
}

/** An ISO time in UTC, e.g. 2026-03-01 14:05 (tables say "UTC" in their column headers). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** Whole days between two times, rounded down. */
export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(fromIso).getTime()) / 86_400_000);
}

/** A property value as text: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The one currency of a list of amounts, or null when there is none or several. */
export function singleCurrency(currencies: readonly (string | null | undefined)[]): string | null {
  const distinct = new Set(currencies.filter((currency): currency is string => typeof currency === "string"));
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/** A change of a share (0..1) from the previous period in percentage points: "+3.2 pp", "−0.5 pp", "±0.0 pp". */
export function formatPointChange(current: number | null | undefined, previous: number | null | undefined): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return MISSING;
  const points = (current - previous) * 100;
  const rounded = Math.abs(points).toFixed(1);
  const sign = rounded === "0.0" ? "±" : points > 0 ? "+" : "−";
  return `${sign}${rounded} pp`;
}

/** A change from the previous period: "+12 (+4.0%)", "−3 (−1.5%)", "±0 (±0.0%)"; no percentage from 0. */
export function formatChange(current: number, previous: number | null | undefined): string {
  if (previous === undefined || previous === null) return MISSING;
  const difference = current - previous;
  const sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
  return `${sign}${formatCount(Math.abs(difference))}${previous > 0 ? ` (${sign}${((Math.abs(difference) / previous) * 100).toFixed(1)}%)` : ""}`;
}
