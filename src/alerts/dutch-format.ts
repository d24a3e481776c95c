/** Time zone in which wijkradar shows times to people. */
export const DISPLAY_TIME_ZONE = 'Europe/Amsterdam';

const MONTHS_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar fields of an instant as seen in a time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Year, month, day, hour and minute of an instant in `timeZone` (default Europe/Amsterdam). */
export function zonedParts(instant: string | Date, timeZone: string = DISPLAY_TIME_ZONE): ZonedParts {
  let formatter = partsFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute! };
}

/** The UTC offset of `timeZone` at an instant, e.g. "UTC+2" (Amsterdam summer time). */
export function utcOffsetLabel(instant: string | Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const p = zonedParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const minutes = Math.round((wall - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`}`;
}

/** A date in Dutch, e.g. "27 nov 2026", as seen in `timeZone`. */
export function formatDateNl(instant: string | Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  const p = zonedParts(instant, timeZone);
  return `${p.day} ${MONTHS_NL[p.month - 1]} ${p.year}`;
}

/** A clock time, e.g. "14:05", as seen in `timeZone`. */
export function formatTimeNl(instant: string | Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A date and time in Dutch, e.g. "27 nov 2026 14:05", as seen in `timeZone`. */
export function formatDateTimeNl(instant: string | Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  return `${formatDateNl(instant, timeZone)} ${formatTimeNl(instant, timeZone)}`;
}

const fixedFormatters = new Map<number, Intl.NumberFormat>();

/** A number with a fixed count of decimals in Dutch notation, e.g. 1234.56 → "1.234,6" with 1 decimal. */
export function formatNumberNl(value: number, decimals = 0): string {
  let formatter = fixedFormatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

const significantFormatter = new Intl.NumberFormat('nl-NL', { maximumSignificantDigits: 2 });

/** A small probability in Dutch notation with two significant digits and no exponent, e.g. 0.00005 → "0,00005". */
export function formatProbabilityNl(value: number): string {
  return significantFormatter.format(value);
}
