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

/** A UTC instant written as ISO 8601 with Z, whose first 13 characters are its UTC hour. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;
// Amsterdam's offset is whole hours, so the local day only changes with the UTC hour: remember it per
// hour (Intl formatting cost more than the rest of the rollup).
const dayOfUtcHour = new Map<string, string>();

/** The Europe/Amsterdam calendar day (YYYY-MM-DD) of an ISO instant. */
export function localDay(iso: string): string {
  if (!UTC_ISO.test(iso)) return dayFormat.format(new Date(iso));
  const hour = iso.slice(0, 13);
  let day = dayOfUtcHour.get(hour);
  if (day === undefined) {
    if (dayOfUtcHour.size >= 100_000) dayOfUtcHour.clear();
    day = dayFormat.format(new Date(`${hour}:00:00Z`));
    dayOfUtcHour.set(hour, day);
  }
  return day;
}

/** The UTC hour bucket (YYYY-MM-DDTHH) of an ISO instant. */
export function utcHour(iso: string): string {
  return UTC_ISO.test(iso) ? iso.slice(0, 13) : new Date(iso).toISOString().slice(0, 13);
}

/** Adds days to a YYYY-MM-DD date. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ROLLUP_TIMEZONE, timeZoneName: 'longOffset' });

/** Minutes Europe/Amsterdam is ahead of UTC at an instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The UTC instants [start, end) of a Europe/Amsterdam calendar day. */
export function localDayRange(day: string): [string, string] {
  const start = (d: string) => {
    const midnightUtc = Date.parse(`${d}T00:00:00Z`);
    return new Date(midnightUtc - amsterdamOffsetMinutes(midnightUtc) * 60_000).toISOString();
  };
  return [start(day), start(shiftDay(day, 1))];
}
/** What one batch adds to one rollup cell. */
export interface RollupDelta {
  area_code: string;
  bucket: string;
  topic: string;
  posts: number;
  sentiment_sum: number;
  sentiment_count: number;
  negative_posts: number;
}

