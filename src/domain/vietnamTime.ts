// Days and years as people in Điện Biên count them. Instants are stored in UTC (ISO strings);
// a support record's date, a report's cut-off and "this year" are days in Vietnam (UTC+7, no
// daylight saving). Between 17:00 and 24:00 UTC the two calendars disagree on the date, so every
// comparison of an instant with a day goes through here.

const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The day in Vietnam, YYYY-MM-DD, of an instant (ISO string, Date or epoch milliseconds). */
export function vietnamDay(instant: string | Date | number): string {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Vietnam, YYYY-MM-DD. */
export const todayInVietnam = (now: number = Date.now()): string => vietnamDay(now);

/** This year in Vietnam. */
export const vietnamYear = (now: number = Date.now()): number => Number(vietnamDay(now).slice(0, 4));

/** The first instant of 1 January of `year` in Vietnam, as an ISO string. */
export const startOfVietnamYear = (year: number): string => new Date(Date.UTC(year, 0, 1) - OFFSET_MS).toISOString();

/** The first instant of the day after `day` (YYYY-MM-DD) in Vietnam, as an ISO string: the end of that day. */
export const endOfVietnamDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - OFFSET_MS).toISOString();

/** An instant as the reports print it, in Vietnam's time: 05/03/2027 14:20. */
export function vietnamDateTime(instant: string | Date | number): string {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const t = new Date(ms + OFFSET_MS).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}
