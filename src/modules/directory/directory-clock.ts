/** iCal weekday codes (HSDS schedule `byday`), Monday first. */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const romeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Rome",
  year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  weekday: "short",
});
const SHORT_TO_CODE: Record<string, Weekday> = { Mon: "MO", Tue: "TU", Wed: "WE", Thu: "TH", Fri: "FR", Sat: "SA", Sun: "SU" };

/** Wall-clock date, time and weekday in Europe/Rome for an instant ("open now" is local time). */
export function romeClock(now: Date): { date: string; time: string; weekday: Weekday } {
  const parts = Object.fromEntries(romeParts.formatToParts(now).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday: SHORT_TO_CODE[parts.weekday!]!,
  };
}

/** Normalises a schedule's `byday` ("MO,TU", "mo, tu") to iCal codes. */
export function parseByday(byday: string): Weekday[] {
  return byday
    .split(",")
    .map((d) => d.trim().toUpperCase().slice(-2))
    .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
}

/** The next `count` calendar days from `now` in Europe/Rome: ISO date and weekday code. */
export function upcomingDays(now: Date, count = 7): { date: string; weekday: Weekday }[] {
  const [y, m, d] = romeClock(now).date.split("-").map(Number) as [number, number, number];
  const days: { date: string; weekday: Weekday }[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i, 12));
    days.push({ date: day.toISOString().slice(0, 10), weekday: WEEKDAYS[(day.getUTCDay() + 6) % 7]! });
  }
  return days;
}

/** A listing is stale when it was last verified more than `staleAfterDays` days before `now`. */
export function isStale(lastVerifiedAt: string | null, now: Date, staleAfterDays: number): boolean {
  if (!lastVerifiedAt) return true;
  const verified = Date.parse(`${lastVerifiedAt}T00:00:00Z`);
  const today = Date.parse(`${romeClock(now).date}T00:00:00Z`);
  return today - verified > staleAfterDays * 86_400_000;
}
