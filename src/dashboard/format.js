// Dutch formatting of numbers and times. Times arrive in UTC and are shown in Europe/Amsterdam, labelled.

export const TIME_ZONE = 'Europe/Amsterdam';
const number0 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const number1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const number2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const monthName = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', month: 'short' });

/** 1234 → "1.234". */
export const formatCount = (n) => number0.format(n);
/** 2.94 → "2,9". */
export const formatOne = (n) => number1.format(n);
/** Sentiment as a signed number, "−0,25" / "+0,10", or "–" without data. */
export const formatSentiment = (n) => (n === null || n === undefined ? '–' : number2.format(n));

/** A UTC instant as "27 nov 2026 14:05" in Dutch time (the caller adds the zone label once per view). */
export const formatDateTime = (iso) => dateTime.format(new Date(iso));

/** A YYYY-MM-DD calendar day as "27 nov 2026". */
export const formatDay = (day) => dateOnly.format(new Date(`${day}T12:00:00Z`));
/** A YYYY-MM-DD calendar day as "27 nov". */
export const formatDayMonth = (day) => dayMonth.format(new Date(`${day}T12:00:00Z`));
/** A YYYY-MM-DD calendar day's month as "nov". */
export const formatMonth = (day) => monthName.format(new Date(`${day}T12:00:00Z`));

/** The Europe/Amsterdam day (YYYY-MM-DD) of a UTC instant. */
export const localDay = (iso) => dayKey.format(new Date(iso));

/** Adds days to a YYYY-MM-DD day. */
export function shiftDay(day, days) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the ISO week of a YYYY-MM-DD day. */
export function mondayOf(day) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** Change between two counts as "+23%", "−5%", "nieuw" or "0%". */
export function formatChange(now, before) {
  if (before === 0) return now === 0 ? '0%' : 'nieuw';
  const pct = Math.round(((now - before) / before) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)}%`;
}
