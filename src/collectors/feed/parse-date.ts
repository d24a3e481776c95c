// Month names by their first three letters: English, plus the Dutch, German, French, Spanish,
// Portuguese and Italian spellings seen in feeds (none of them clash).
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  mrt: 3, maa: 3, mei: 5, okt: 10, mai: 5, mär: 3, mae: 3, dez: 12,
  fév: 2, fev: 2, avr: 4, aoû: 8, aou: 8, déc: 12, ene: 1, abr: 4, ago: 8, set: 9, out: 10, dic: 12,
  gen: 1, mag: 5, giu: 6, lug: 7, ott: 10,
};
// French juin/juillet share their first three letters.
const FULL_MONTHS: Readonly<Record<string, number>> = { juin: 6, juil: 7, juillet: 7 };

// Weekday names and abbreviations (English, Dutch, German) are recognised so that they are not
// mistaken for garbage; their value is never used (they are often wrong).
const WEEKDAYS = new Set([
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'ma', 'di', 'wo', 'do', 'vr', 'za', 'zo', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'mo', 'mi', 'fr', 'sa', 'so', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
]);

// Offsets in minutes for the zone names feeds use (RFC 822 plus common European/US/Asian ones).
const ZONES: Readonly<Record<string, number>> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, west: 60, bst: 60, ist: 60,
  cet: 60, met: 60, mez: 60, cest: 120, mest: 120, mesz: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, jst: 540, kst: 540, hkt: 480, sgt: 480,
  aest: 600, aedt: 660, acst: 570, awst: 480, nzst: 720, nzdt: 780,
};

const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+|T\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const YEAR_MONTH = /^(\d{4})(?:-(\d{2}))?$/;
const RFC_1123 = /^(?:[A-Za-z]{3}, )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([A-Za-z]{1,4}|[+-]\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([a-z]+|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC_OFFSET = /^(?:(?:gmt|utc|ut))?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const NUMERIC_DATE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;

/**
 * Parses a feed date — RFC 822/1123/2822 with their real-world variants (no weekday, 2-digit years,
 * named zones such as CET/EST/GMT, no seconds, Dutch month names) and ISO 8601/W3CDTF — to
 * ISO 8601 UTC (`2024-05-01T12:00:00Z`). Returns null when the text is not a date it can trust
 * (ambiguous day/month order included); a date without a zone is taken as UTC.
 * @example parseFeedDate('Wed, 02 Oct 2002 08:00:00 EST') // '2002-10-02T13:00:00Z'
 */
export function parseFeedDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const value = text.trim();
  if (value === '' || value.length > 100) return null;
  return parseIso(value) ?? parseRfc1123(value) ?? parseLoose(value);
}

/** The exact form most RSS feeds write ("Mon, 02 Mar 2026 12:00:00 GMT"), without the loose parser's cost. */
function parseRfc1123(value: string): string | null {
  const m = RFC_1123.exec(value);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  const offset = zoneOffset(m[7]!);
  if (month === undefined || offset === null) return null;
  return build(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, offset);
}

function parseIso(value: string): string | null {
  let m = ISO_DATE.exec(value) ?? ISO_BASIC.exec(value);
  if (m) {
    const offset = m[7] ? zoneOffset(m[7]) : 0;
    if (offset === null) return null;
    return build(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, offset);
  }
  m = YEAR_MONTH.exec(value);
  if (m) return build(+m[1]!, m[2] ? +m[2] : 1, 1, 0, 0, 0, 0);
  return null;
}

function parseLoose(value: string): string | null {
  const cleaned = value
    .replace(/^\s*\p{L}+\.?\s*,/u, ' ') // a leading weekday in any language ("Seg,", "Di.,")
    .replace(/\([^)]*\)/g, ' ') // "+0100 (CET)": the comment repeats the zone
    .replace(/,/g, ' ')
    .replace(/(\d)-([a-z])/gi, '$1 $2') // RFC 850: 28-Sep-02
    .replace(/([a-z])-(\d)/gi, '$1 $2')
    .replace(/(\d)(?:st|nd|rd|th)\b/gi, '$1')
    .replace(/(\d)T(?=\d{1,2}:)/, '$1 '); // 2002-09-28T21:00 with a zone ISO does not know
  const tokens = cleaned.split(/\s+/).filter((t) => t !== '');
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let hasTime = false;
  let offset: number | null = null;
  let pm: boolean | null = null;
  const numbers: string[] = [];

  for (const token of tokens) {
    const lower = token.toLowerCase().replace(/\.$/, '');
    const time = hasTime ? null : TIME.exec(token);
    if (time) {
      hasTime = true;
      hour = +time[1]!;
      minute = +time[2]!;
      second = time[3] ? +time[3] : 0;
      const suffix = time[4]?.toLowerCase();
      if (suffix === 'am' || suffix === 'pm') pm = suffix === 'pm';
      else if (suffix) {
        offset = zoneOffset(suffix);
        if (offset === null) return null;
      }
      continue;
    }
    if (lower === 'am' || lower === 'pm') {
      pm = lower === 'pm';
      continue;
    }
    if (/^[+-]\d/.test(token) || /^(?:gmt|utc|ut)[+-]\d/i.test(token)) {
      const parsed = zoneOffset(token);
      if (parsed === null) return null;
      offset = parsed;
      continue;
    }
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const numeric = NUMERIC_DATE.exec(token);
    if (numeric && day === null && month === null && year === null) {
      const parts = numericDate(numeric[1]!, numeric[2]!, numeric[3]!);
      if (!parts) return null;
      [year, month, day] = parts;
      continue;
    }
    if (/^\p{L}+$/u.test(lower)) {
      if (WEEKDAYS.has(lower)) continue;
      if (lower in ZONES) {
        offset = ZONES[lower]!;
        continue;
      }
      const monthNumber = FULL_MONTHS[lower] ?? (lower.length >= 3 ? MONTHS[lower.slice(0, 3)] : undefined);
      if (monthNumber !== undefined && month === null) {
        month = monthNumber;
        continue;
      }
      if (lower.length === 1) {
        offset = 0; // RFC 822 military zones are famously misdefined; treat as UTC
        continue;
      }
    }
    return null; // an unknown word: not a date we can trust
  }

  for (const number of numbers) {
    if (number.length >= 3) {
      if (year !== null) return null;
      year = +number;
    } else if (day === null && month !== null) day = +number;
    else if (day === null && year === null) day = +number;
    else if (year === null) year = twoDigitYear(+number);
    else return null;
  }
  if (day === null || month === null || year === null) return null;
  if (pm !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return build(year, month, day, hour, minute, second, offset ?? 0);
}

function numericDate(a: string, b: string, c: string): [number, number, number] | null {
  if (a.length === 4) return [+a, +b, +c];
  if (c.length !== 4 && c.length !== 2) return null;
  const year = c.length === 4 ? +c : twoDigitYear(+c);
  const first = +a;
  const second = +b;
  if (first > 12 && second <= 12) return [year, second, first];
  if (second > 12 && first <= 12) return [year, first, second];
  if (first === second) return [year, first, first];
  return null; // 03/04/2024 could be March or April: refuse rather than guess
}

function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y;
}

function zoneOffset(zone: string): number | null {
  const lower = zone.toLowerCase();
  if (lower in ZONES) return ZONES[lower]!;
  const m = NUMERIC_OFFSET.exec(zone);
  if (!m) return null;
  const digits = m[2]!;
  let hours: number;
  let minutes: number;
  if (m[3] !== undefined) {
    hours = +digits;
    minutes = +m[3];
  } else {
    hours = +digits;
    minutes = 0;
  }
  if (hours > 14 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19) + 'Z';
}
