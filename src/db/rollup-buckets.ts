/** A post counts as negative below this sentiment; one place so rollups and queries agree. */
export const NEGATIVE_SENTIMENT = -0.1;
/** The rollup topic key that counts all posts of an area. */
export const ALL_TOPICS = '*';
/** Day buckets follow the local calendar users think in. */
export const ROLLUP_TIMEZONE = 'Europe/Amsterdam';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ROLLUP_TIMEZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Amsterdam calendar day (YYYY-MM-DD) of an ISO instant. */
export function localDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** The UTC hour bucket (YYYY-MM-DDTHH) of an ISO instant. */
export function utcHour(iso: string): string {
  return new Date(iso).toISOString().slice(0, 13);
}

/** Adds days to a YYYY-MM-DD date. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
