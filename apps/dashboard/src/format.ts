/** How numbers, shares, durations and times read on the dashboard. */
const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const MISSING = "–";

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? MISSING : `${(share * 100).toFixed(1)}%`;
}

export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? MISSING : `${days.toFixed(1)} d`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** An ISO time in the viewer's time zone, e.g. 2026-03-01 14:05. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Whole days between two times, rounded down. */
export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(fromIso).getTime()) / 86_400_000);
}

/** A property value as text: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
