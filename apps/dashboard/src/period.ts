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

export type PresetId = "today" | "7d" | "30d" | "90d" | "month";

export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: "today", label: "Today" },
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "90d", label: "Last 90 days" },
  { id: "month", label: "This month" },
];

/** The first and last UTC day (YYYY-MM-DD, both included) of a preset, on the UTC day of `now`. */
export function presetDays(preset: PresetId, now: Date): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  const daysBack = (days: number) => new Date(Date.parse(`${today}T00:00:00.000Z`) - days * DAY_MS).toISOString().slice(0, 10);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: daysBack(6), to: today };
    case "30d":
      return { from: daysBack(29), to: today };
    case "90d":
      return { from: daysBack(89), to: today };
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The preset whose days these are, or null for a custom range. */
export function presetOf(from: string, to: string, now: Date): PresetId | null {
  return (
    PRESETS.find((preset) => {
      const days = presetDays(preset.id, now);
      return days.from === from && days.to === to;
    })?.id ?? null
  );
}

/** The equally long run of days just before [from, to]: the comparison period. */
export function previousDays(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(`${from}T00:00:00.000Z`);
  const length = Date.parse(`${to}T00:00:00.000Z`) - start + DAY_MS;
  return { from: new Date(start - length).toISOString().slice(0, 10), to: new Date(start - DAY_MS).toISOString().slice(0, 10) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real day, or null. */
export function validDay(text: string | null): string | null {
  if (!text || !DATE.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text ? text : null;
}

/** How the period reads in the header: "2026-11-08 – 2026-12-07 (30 UTC days)". */
export function describePeriod(from: string, to: string): string {
  if (!from && !to) return "All time";
  if (!from) return `Until ${to} (UTC)`;
  if (!to) return `Since ${from} (UTC)`;
  const days = Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS) + 1;
  return `${from} – ${to} (${days} UTC ${days === 1 ? "day" : "days"})`;
}
