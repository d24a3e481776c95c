/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Escapes text for Markdown: HTML-significant characters become entities (so no tag or script survives a
 * Markdown renderer) and Markdown punctuation is backslash-escaped (so post text cannot add links or emphasis).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`);
}

/** The URL normalised when it is an absolute http(s) URL, otherwise undefined (no javascript:, data:, …). */
export function safeHttpUrl(url: string | null | undefined): string | undefined {
  if (url === undefined || url === null) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Collapses whitespace and cuts text to at most `max` characters, ending in "…" when cut. */
export function shortenText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Cut on a code point boundary so no half surrogate pair is left behind.
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
