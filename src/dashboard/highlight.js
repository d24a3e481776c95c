// Splits post text into plain and highlighted pieces from the NLP stage's match offsets.
// Pure: the caller turns the pieces into DOM nodes with textContent, never HTML.

/**
 * Character ranges of the matches that really occur in `text`: offsets are trusted when the text at
 * them equals the match (case-insensitively); otherwise the match's surface form is searched for.
 * Overlapping ranges are merged away (the earlier one wins), so the result is sorted and disjoint.
 */
export function matchRanges(text, matches) {
  const lower = text.toLowerCase();
  // Lower-casing can change the length of some characters (İ); then only exact offsets are usable.
  const searchable = lower.length === text.length;
  const found = [];
  for (const match of matches ?? []) {
    if (!match || typeof match.text !== 'string' || match.text.length === 0) continue;
    const surface = match.text.toLowerCase();
    let start = Number.isInteger(match.start) ? match.start : -1;
    let end = Number.isInteger(match.end) ? match.end : -1;
    if (!(start >= 0 && end > start && end <= text.length && lower.slice(start, end) === surface)) {
      start = searchable ? lower.indexOf(surface) : -1;
      end = start + surface.length;
    }
    if (start < 0) continue;
    found.push({ start, end, kind: match.kind === 'sentiment' ? 'sentiment' : 'topic', topic: match.topic ?? null, term: match.term ?? match.text, weight: match.weight ?? 0 });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges = [];
  for (const range of found) {
    const last = ranges[ranges.length - 1];
    if (last && range.start < last.end) continue;
    ranges.push(range);
  }
  return ranges;
}

/**
 * The pieces of text[from, to): `{ text, match }` where match is the range that covers the piece, or null.
 * @example segments('Nep-sms van de bank', [{ start: 0, end: 7, kind: 'topic' }]) // [{text:'Nep-sms',match:…},{text:' van de bank',match:null}]
 */
export function segments(text, ranges, from = 0, to = text.length) {
  const out = [];
  let at = from;
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue;
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (start > at) out.push({ text: text.slice(at, start), match: null });
    out.push({ text: text.slice(start, end), match: range });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), match: null });
  return out;
}
