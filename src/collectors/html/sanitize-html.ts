import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Tokenizer } from 'htmlparser2';
import {
  BLOCK_ELEMENTS,
  INVISIBLE_ELEMENTS,
  RAW_TEXT_ELEMENTS,
  escapeHtmlAttribute,
  escapeHtmlText,
  looksDoubleEscaped,
} from './html-elements.js';

/** Elements kept (without attributes unless listed in the code below). */
const ALLOWED = new Set([
  'p', 'br', 'a', 'em', 'strong', 'b', 'i', 'ul', 'ol', 'li', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'code', 'pre',
]);
const VOID_ALLOWED = new Set(['br', 'img']);

/** Dropped with everything inside them: active content, embedded documents and forms. */
const DROPPED_WITH_CONTENT = new Set([...INVISIBLE_ELEMENTS, 'frame', 'embed', 'form', 'button', 'input', 'base', 'meta', 'link']);

// Deeper nesting of kept elements adds nothing for display; further tags are unwrapped.
const MAX_OPEN = 100;

/** Options of `sanitizeHtml`. */
export interface SanitizeOptions {
  /** Relative href/src are resolved against this URL; without it they are dropped. */
  baseUrl?: string | null;
}

/**
 * Reduces HTML to an allow-list for display: p, br, a[href http/https/mailto], em, strong, b, i,
 * ul, ol, li, blockquote, h1–h6, img[src http/https, alt], code, pre. Scripts, styles, iframes,
 * event handlers, `javascript:` URLs and every other attribute are removed; other elements are
 * unwrapped (their text stays). The output is well-formed (every kept element is closed).
 * @example sanitizeHtml('<p onclick="x()">Hi <script>evil()</script><a href="javascript:x">there</a></p>') // '<p>Hi there</p>'
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  if (!html) return '';
  const source = looksDoubleEscaped(html) ? decodeHTML(html) : html;
  const baseUrl = options.baseUrl ?? null;
  const out: string[] = [];
  const open: string[] = [];
  const openCounts = new Map<string, number>();
  const dropped = new Map<string, number>();
  let hiddenDepth = 0;

  let tagName = '';
  let attrs: Array<[string, string]> = [];
  let attrName = '';
  let attrValue = '';

  const emitOpen = (selfClosing: boolean): void => {
    const name = tagName;
    if (DROPPED_WITH_CONTENT.has(name)) {
      if ((!selfClosing || RAW_TEXT_ELEMENTS.has(name)) && !VOID_ELEMENT_DROPS.has(name)) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        hiddenDepth++;
      }
      return;
    }
    if (hiddenDepth > 0) return;
    if (!ALLOWED.has(name) || open.length >= MAX_OPEN) {
      // Unwrapped blocks still separate words ("<div>a</div><div>b</div>" must not read "ab").
      if (BLOCK_ELEMENTS.has(name) || name === 'td' || name === 'th') out.push('\n');
      return;
    }
    const tag = renderStartTag(name, attrs, baseUrl);
    if (tag === null) return;
    out.push(tag);
    if (!VOID_ALLOWED.has(name) && !selfClosing) {
      open.push(name);
      openCounts.set(name, (openCounts.get(name) ?? 0) + 1);
    } else if (!VOID_ALLOWED.has(name)) {
      out.push(`</${name}>`);
    }
  };

  const emitClose = (name: string): void => {
    const hiddenCount = dropped.get(name);
    if (hiddenCount) {
      if (hiddenCount === 1) dropped.delete(name);
      else dropped.set(name, hiddenCount - 1);
      hiddenDepth--;
      return;
    }
    if (hiddenDepth > 0) return;
    if (!openCounts.get(name)) {
      if (BLOCK_ELEMENTS.has(name)) out.push('\n');
      return;
    }
    // Close whatever was left open inside it, then the element itself.
    for (;;) {
      const top = open.pop()!;
      const count = openCounts.get(top)! - 1;
      if (count === 0) openCounts.delete(top);
      else openCounts.set(top, count);
      out.push(`</${top}>`);
      if (top === name) break;
    }
  };

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      ontext(start, end) {
        if (hiddenDepth === 0) out.push(escapeHtmlText(decodeHTML(source.slice(start, end))));
      },
      onopentagname(start, end) {
        tagName = source.slice(start, end).toLowerCase();
        attrs = [];
      },
      onattribname(start, end) {
        attrName = source.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += source.slice(start, end);
      },
      onattribend() {
        attrs.push([attrName, decodeHTMLAttribute(attrValue)]);
      },
      onopentagend() {
        emitOpen(false);
      },
      onselfclosingtag() {
        emitOpen(true);
      },
      onclosetag(start, end) {
        emitClose(source.slice(start, end).toLowerCase());
      },
      onattribentity() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      ontextentity() {},
      onend() {},
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  while (open.length > 0) out.push(`</${open.pop()!}>`);
  return out.join('').replace(/\n{2,}/g, '\n').trim();
}

// Void elements never get an end tag, so they must not start a hidden region.
const VOID_ELEMENT_DROPS = new Set(['embed', 'input', 'base', 'meta', 'link', 'frame']);

function renderStartTag(name: string, attrs: Array<[string, string]>, baseUrl: string | null): string | null {
  if (name === 'a') {
    const href = safeUrl(attrValueOf(attrs, 'href'), baseUrl, true);
    // A link we cannot keep is unwrapped: its text stays, the element goes.
    if (href === null) return null;
    return `<a href="${escapeHtmlAttribute(href)}" rel="nofollow noopener noreferrer">`;
  }
  if (name === 'img') {
    const src = safeUrl(attrValueOf(attrs, 'src'), baseUrl, false);
    if (src === null) return null;
    const alt = attrValueOf(attrs, 'alt');
    return alt === null
      ? `<img src="${escapeHtmlAttribute(src)}">`
      : `<img src="${escapeHtmlAttribute(src)}" alt="${escapeHtmlAttribute(alt)}">`;
  }
  return `<${name}>`;
}

function attrValueOf(attrs: Array<[string, string]>, name: string): string | null {
  for (const [key, value] of attrs) if (key === name) return value;
  return null;
}

/**
 * Returns an absolute http(s) (or, for links, mailto) URL, or null. The WHATWG URL parser strips
 * tabs, newlines and control characters as browsers do, so `java\tscript:` cannot slip through.
 */
function safeUrl(value: string | null, baseUrl: string | null, allowMailto: boolean): string | null {
  if (value === null) return null;
  const cleaned = value.trim();
  if (cleaned === '') return null;
  let url: URL;
  try {
    url = baseUrl ? new URL(cleaned, baseUrl) : new URL(cleaned);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  if (allowMailto && url.protocol === 'mailto:') return url.href;
  return null;
}
