// Word-level normalisation shared by the tokeniser and the lexicon compiler: the same function turns
// "Heeeel", "ÉÉN" or "nep-sms" into the key a lexicon entry is stored under, so both sides agree.

import { foldText, isAscii, squeezeElongation } from './text-fold.js';

/** A vocabulary test used to resolve elongations, leetspeak and hashtag splits. */
export type KnownWords = (word: string) => boolean;

const NO_WORDS: KnownWords = () => false;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * Normalises one word to its matching key: lower case, diacritics folded, elongations squeezed,
 * leetspeak undone when that yields a known word ("h4at" → "haat"). Hyphens are kept; use
 * {@link joinHyphens} for the compound key.
 * @example normaliseWord('Heeeel', known) // 'heel'
 */
export function normaliseWord(raw: string, known: KnownWords = NO_WORDS): string {
  // Squeeze before folding: "ideeën" must not become a run of three e's.
  const lower = isAscii(raw) ? raw.toLowerCase() : raw.toLowerCase().normalize('NFC');
  const squeezed = squeezeElongation(lower, (w) => known(foldText(w)));
  let key = foldText(squeezed);
  if (hasLeet(key) && !known(key)) {
    const alt = key.replace(/[013457@$]/g, (c) => LEET[c] ?? c);
    const altKey = squeezeElongation(alt, known);
    if (known(altKey)) key = altKey;
  }
  return key;
}

function hasLeet(key: string): boolean {
  let letters = 0;
  let leet = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 55 || c === 64 || c === 36) leet++;
  }
  return letters > 0 && leet > 0;
}

/** Removes hyphens so "nep-sms" and "nepsms" share one key. */
export function joinHyphens(key: string): string {
  return key.includes('-') ? key.replace(/-/g, '') : key;
}

/**
 * Splits a hashtag body into words: on case changes and digits first ("WhatsAppFraude" →
 * whatsapp, fraude, re-joining pieces that form a known word), otherwise into known words when the
 * whole body can be covered ("jeugdoverlast" → jeugd, overlast). Returns segments with offsets
 * relative to the body.
 * @example splitHashtag('WhatsAppFraude', known) // [{word:'whatsapp',start:0,end:8},{word:'fraude',start:8,end:14}]
 */
export function splitHashtag(body: string, known: KnownWords = NO_WORDS): { word: string; start: number; end: number }[] {
  const pieces = caseSegments(body);
  const out: { word: string; start: number; end: number }[] = [];
  if (pieces.length > 1) {
    let i = 0;
    while (i < pieces.length) {
      // Greedy longest re-join of case pieces into a known word ("Whats"+"App" → whatsapp).
      let taken = 1;
      for (let j = pieces.length; j > i + 1; j--) {
        const joined = normaliseWord(body.slice(pieces[i]!.start, pieces[j - 1]!.end), known);
        if (known(joined)) {
          taken = j - i;
          break;
        }
      }
      const start = pieces[i]!.start;
      const end = pieces[i + taken - 1]!.end;
      out.push({ word: normaliseWord(body.slice(start, end), known), start, end });
      i += taken;
    }
    return out;
  }
  const whole = normaliseWord(body, known);
  if (known(whole) || whole.length < 6) return [{ word: whole, start: 0, end: body.length }];
  const seg = segmentKnown(whole, known);
  // Folding can change length for rare ligatures; then offsets would lie, so keep the whole body.
  if (seg === null || whole.length !== body.length) return [{ word: whole, start: 0, end: body.length }];
  return seg;
}

function caseSegments(body: string): { start: number; end: number }[] {
  const segs: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 1; i < body.length; i++) {
    const prev = body[i - 1]!;
    const cur = body[i]!;
    const next = body[i + 1];
    const prevLower = prev !== prev.toUpperCase();
    const curUpper = cur !== cur.toLowerCase();
    const prevDigit = prev >= '0' && prev <= '9';
    const curDigit = cur >= '0' && cur <= '9';
    const prevUpper = prev !== prev.toLowerCase();
    const nextLower = next !== undefined && next !== next.toUpperCase();
    const boundary =
      (prevLower && curUpper) || // wijkAgent
      (prevUpper && curUpper && nextLower) || // NOSNieuws → NOS Nieuws
      prevDigit !== curDigit || // 112Melding
      cur === '_';
    if (boundary) {
      if (i > start) segs.push({ start, end: i });
      start = cur === '_' ? i + 1 : i;
    }
  }
  if (start < body.length) segs.push({ start, end: body.length });
  return segs.filter((s) => s.end > s.start && body.slice(s.start, s.end) !== '_');
}

/** Fewest-pieces cover of `word` by known words of ≥ 3 letters, or null. */
function segmentKnown(word: string, known: KnownWords): { word: string; start: number; end: number }[] | null {
  const n = word.length;
  if (n > 40) return null;
  const best: (number[] | null)[] = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const path = best[i];
    if (path === null || path === undefined) continue;
    for (let j = i + 3; j <= n; j++) {
      const cur = best[j];
      if (cur !== null && cur !== undefined && cur.length <= path.length + 1) continue;
      if (known(word.slice(i, j))) best[j] = [...path, j];
    }
  }
  const ends = best[n];
  if (ends === null || ends === undefined || ends.length < 2) return null;
  const out: { word: string; start: number; end: number }[] = [];
  let s = 0;
  for (const e of ends) {
    out.push({ word: word.slice(s, e), start: s, end: e });
    s = e;
  }
  return out;
}
