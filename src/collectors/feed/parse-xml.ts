import { decodeHTMLStrict } from 'entities';
import type { TimeBudget } from './parse-budget.js';

/**
 * One element of a leniently parsed XML document. Names are matched case-insensitively, so
 * `local` and `prefix` are lower-cased; `name` keeps the spelling of the document.
 */
export interface XmlElement {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Lower-cased namespace URI; '' for none, '#undeclared:<prefix>' for an unknown undeclared prefix. */
  readonly ns: string;
  /** Attribute values (entities decoded) by lower-cased qualified name; empty map when none. */
  readonly attrs: ReadonlyMap<string, string>;
  /** Text (entities decoded, CDATA unwrapped) and child elements in document order. */
  readonly content: Array<XmlElement | string>;
  readonly children: XmlElement[];
  readonly parent: XmlElement | null;
  /** Offsets of the element's inner markup in the source text. */
  innerStart: number;
  innerEnd: number;
}

/** The result of `parseXmlDocument`. */
export interface XmlDocument {
  readonly source: string;
  /** Top-level elements in document order (normally exactly one). */
  readonly roots: XmlElement[];
  /** The text of a `<!DOCTYPE …>` declaration, if any (its entities are never expanded). */
  readonly doctype: string | null;
  /** What was malformed; parsing went on regardless. */
  readonly warnings: string[];
}

// Prefixes feeds often use without declaring them; feedparser and browsers resolve them the same way.
const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  xml: 'http://www.w3.org/xml/1998/namespace',
  atom: 'http://www.w3.org/2005/atom',
  a10: 'http://www.w3.org/2005/atom',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  georss: 'http://www.georss.org/georss',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  gml: 'http://www.opengis.net/gml',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
};

// Deeper nesting is flattened into the element at this depth: feeds never need it, and it bounds
// the work any later walk over the tree can do.
const MAX_DEPTH = 1000;
const MAX_WARNINGS = 20;
// Shared by every element without attributes (most of them); never written to.
const NO_ATTRIBUTES: Map<string, string> = new Map();


interface OpenElement {
  el: XmlElement;
  key: string;
  undo: Array<[string, string | undefined]> | null;
  /** An item or entry, whose stack position is tracked. */
  isItem: boolean;
}

/**
 * Parses XML leniently and in linear time: bare `&`, unclosed or mismatched tags, truncated CDATA
 * and undeclared prefixes are tolerated; DTD entities are never expanded (so billion-laughs and
 * external entities are inert); nesting is kept on an explicit stack, never the call stack.
 * HTML named entities (`&eacute;`) are decoded in text and attributes.
 */
export function parseXmlDocument(source: string, budget: TimeBudget): XmlDocument {
  return new LenientXmlParser(source, budget).parse();
}

class LenientXmlParser {
  private readonly roots: XmlElement[] = [];
  private readonly warnings: string[] = [];
  private readonly stack: OpenElement[] = [];
  private readonly openCounts = new Map<string, number>();
  private readonly scope = new Map<string, string>();
  // Stack positions of open items/entries by name, so that the "unclosed item" check is O(1)
  // however deep the stack is.
  private readonly openItems = new Map<string, number[]>();
  private doctype: string | null = null;
  private flattened = 0;
  private everFlattened = false;
  private pos = 0;
  // Remembered failed searches: once a string is known absent after p, it is absent after any later p.
  private readonly absentFrom = new Map<string, number>();

  constructor(
    private readonly src: string,
    private readonly budget: TimeBudget,
  ) {}

  parse(): XmlDocument {
    const src = this.src;
    const n = src.length;
    while (this.pos < n) {
      this.budget.tick();
      const lt = src.indexOf('<', this.pos);
      if (lt < 0) {
        this.text(this.pos, n);
        break;
      }
      if (lt > this.pos) this.text(this.pos, lt);
      const c = src.charCodeAt(lt + 1);
      if (c === 0x21 /* ! */) this.markupDeclaration(lt);
      else if (c === 0x3f /* ? */) this.processingInstruction(lt);
      else if (c === 0x2f /* / */) this.closeTag(lt);
      else if (isNameStart(c)) this.startTag(lt);
      else {
        this.appendText('<');
        this.pos = lt + 1;
      }
    }
    if (this.stack.length > 0) {
      this.warn(`the document ended before </${this.stack[this.stack.length - 1]!.el.name}> (it is truncated or not well-formed)`);
      while (this.stack.length > 0) this.pop(n);
    }
    if (this.everFlattened) this.warn(`elements nested deeper than ${MAX_DEPTH} levels were flattened`);
    return { source: src, roots: this.roots, doctype: this.doctype, warnings: this.warnings };
  }

  private find(needle: string, from: number): number {
    const absent = this.absentFrom.get(needle);
    if (absent !== undefined && from >= absent) return -1;
    const at = this.src.indexOf(needle, from);
    if (at < 0) this.absentFrom.set(needle, absent === undefined ? from : Math.min(absent, from));
    return at;
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('more problems were not listed');
  }

  private text(start: number, end: number): void {
    if (this.stack.length === 0) return;
    const raw = this.src.slice(start, end);
    this.appendText(raw.includes('&') ? decodeHTMLStrict(raw) : raw);
  }

  private appendText(value: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    const content = top.el.content;
    const last = content.length - 1;
    // Adjacent text is merged so that content stays compact for large documents.
    if (last >= 0 && typeof content[last] === 'string') content[last] += value;
    else content.push(value);
  }

  private markupDeclaration(lt: number): void {
    const src = this.src;
    if (src.startsWith('<!--', lt)) {
      const end = this.find('-->', lt + 4);
      if (end < 0) {
        this.warn('a comment is never closed');
        this.pos = src.length;
      } else this.pos = end + 3;
      return;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const end = this.find(']]>', lt + 9);
      if (end < 0) this.warn('a CDATA section is never closed');
      const stop = end < 0 ? src.length : end;
      this.appendText(src.slice(lt + 9, stop));
      this.pos = end < 0 ? src.length : end + 3;
      return;
    }
    this.pos = this.skipDeclaration(lt);
  }

  // <!DOCTYPE …> may carry an internal subset in [ … ]; it is skipped as a whole, never interpreted.
  private skipDeclaration(lt: number): number {
    const src = this.src;
    const n = src.length;
    let i = lt + 2;
    while (i < n) {
      const ch = src.charCodeAt(i);
      if (ch === 0x3e /* > */) break;
      if (ch === 0x5b /* [ */) {
        const close = this.findSubsetEnd(i + 1);
        if (close >= 0) {
          i = close;
          break;
        }
        // An unterminated subset: end the declaration at the first '>' instead.
        const gt = this.find('>', lt);
        i = gt < 0 ? n : gt;
        break;
      }
      i++;
    }
    const declaration = src.slice(lt + 2, Math.min(i, n));
    if (/^doctype\b/i.test(declaration)) {
      this.doctype ??= declaration;
      if (/<!ENTITY/i.test(declaration)) this.warn('the DOCTYPE declares entities; they were not expanded');
    }
    return Math.min(i + 1, n);
  }

  private findSubsetEnd(from: number): number {
    const src = this.src;
    const n = src.length;
    let quote = 0;
    for (let i = from; i < n; i++) {
      const ch = src.charCodeAt(i);
      if (quote !== 0) {
        if (ch === quote) quote = 0;
      } else if (ch === 0x22 || ch === 0x27) quote = ch;
      else if (ch === 0x5d /* ] */) {
        let j = i + 1;
        while (j < n && isSpace(src.charCodeAt(j))) j++;
        if (src.charCodeAt(j) === 0x3e) return j;
      }
    }
    return -1;
  }

  private processingInstruction(lt: number): void {
    const end = this.find('?>', lt + 2);
    if (end >= 0) {
      this.pos = end + 2;
      return;
    }
    const gt = this.find('>', lt + 2);
    this.pos = gt < 0 ? this.src.length : gt + 1;
  }

  private closeTag(lt: number): void {
    const src = this.src;
    const n = src.length;
    let i = lt + 2;
    while (i < n && isNameChar(src.charCodeAt(i))) i++;
    const name = src.slice(lt + 2, i);
    let j = i;
    while (j < n && isSpace(src.charCodeAt(j))) j++;
    if (name === '' || src.charCodeAt(j) !== 0x3e) {
      // Not a closing tag after all ("</ 3", "</a b"): keep it as text.
      this.appendText(src.slice(lt, i));
      this.pos = i;
      return;
    }
    this.pos = j + 1;
    if (this.flattened > 0) {
      this.flattened--;
      return;
    }
    const key = name.toLowerCase();
    if (!this.openCounts.get(key)) {
      this.warn(`a stray </${name}> was ignored`);
      return;
    }
    // Pop implicitly closed elements (e.g. an unclosed <br> inside a description) up to the match.
    for (;;) {
      const top = this.stack[this.stack.length - 1]!;
      this.pop(lt);
      if (top.key === key) break;
    }
  }

  private startTag(lt: number): void {
    const src = this.src;
    const n = src.length;
    let i = lt + 1;
    while (i < n && isNameChar(src.charCodeAt(i))) i++;
    const name = src.slice(lt + 1, i);
    const attrs: Array<[string, string]> = [];
    for (;;) {
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      if (i >= n) return this.malformedTag(lt, n);
      const ch = src.charCodeAt(i);
      if (ch === 0x3e /* > */) return this.open(name, attrs, i + 1, false);
      if (ch === 0x2f /* / */) {
        if (src.charCodeAt(i + 1) === 0x3e) return this.open(name, attrs, i + 2, true);
        i++;
        continue;
      }
      if (ch === 0x3c /* < */) return this.malformedTag(lt, i);
      if (ch === 0x22 || ch === 0x27 || ch === 0x3d) {
        i++; // a stray quote or '=': skip it
        continue;
      }
      const nameStart = i;
      while (i < n && isAttrNameChar(src.charCodeAt(i))) i++;
      const attrName = src.slice(nameStart, i);
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 0x3d /* = */) {
        attrs.push([attrName, '']);
        continue;
      }
      i++;
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      const q = src.charCodeAt(i);
      if (q === 0x22 || q === 0x27) {
        const quote = q === 0x22 ? '"' : "'";
        const close = this.find(quote, i + 1);
        if (close < 0) {
          // An unterminated value: end it (and the tag) at the next '>'.
          const gt = this.find('>', i + 1);
          if (gt < 0) return this.malformedTag(lt, n);
          attrs.push([attrName, src.slice(i + 1, gt)]);
          this.warn(`an attribute value of <${name}> is never closed`);
          return this.open(name, attrs, gt + 1, false);
        }
        attrs.push([attrName, src.slice(i + 1, close)]);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < n) {
          const v = src.charCodeAt(i);
          if (isSpace(v) || v === 0x3e || v === 0x3c) break;
          i++;
        }
        attrs.push([attrName, src.slice(valueStart, i)]);
      }
    }
  }

  // What looked like a tag is not one: keep the characters as text and go on after them.
  private malformedTag(lt: number, end: number): void {
    this.appendText(this.src.slice(lt, end));
    this.pos = end;
  }

  private open(name: string, rawAttrs: Array<[string, string]>, innerStart: number, selfClosing: boolean): void {
    this.pos = innerStart;
    if (this.stack.length >= MAX_DEPTH || this.flattened > 0) {
      this.everFlattened = true;
      if (!selfClosing) this.flattened++;
      return;
    }
    const key = name.toLowerCase();
    const colon = key.indexOf(':');
    const prefix = colon > 0 ? key.slice(0, colon) : '';
    const local = colon > 0 ? key.slice(colon + 1) : key;
    if (local === 'item' || local === 'entry') this.closeUnclosedSibling(key, innerStart);

    const attrs = rawAttrs.length === 0 ? NO_ATTRIBUTES : new Map<string, string>();
    let undo: Array<[string, string | undefined]> | null = null;
    for (const [attrName, rawValue] of rawAttrs) {
      const attrKey = attrName.toLowerCase();
      if (attrs.has(attrKey)) continue;
      const value = rawValue.includes('&') ? decodeHTMLStrict(rawValue) : rawValue;
      attrs.set(attrKey, value);
      if (attrKey === 'xmlns' || attrKey.startsWith('xmlns:')) {
        const declared = attrKey === 'xmlns' ? '' : attrKey.slice(6);
        undo ??= [];
        undo.push([declared, this.scope.get(declared)]);
        this.scope.set(declared, value.trim().toLowerCase());
      }
    }
    const declared = this.scope.get(prefix);
    const ns =
      declared !== undefined ? declared : prefix === '' ? '' : (WELL_KNOWN_PREFIXES[prefix] ?? `#undeclared:${prefix}`);
    const parent = this.stack[this.stack.length - 1]?.el ?? null;
    const el: XmlElement = {
      name,
      prefix,
      local,
      ns,
      attrs,
      content: [],
      children: [],
      parent,
      innerStart,
      innerEnd: innerStart,
    };
    if (parent) {
      parent.children.push(el);
      parent.content.push(el);
    } else this.roots.push(el);
    const isItem = local === 'item' || local === 'entry';
    if (isItem) {
      const positions = this.openItems.get(key) ?? [];
      positions.push(this.stack.length);
      this.openItems.set(key, positions);
    }
    this.stack.push({ el, key, undo, isItem });
    this.openCounts.set(key, (this.openCounts.get(key) ?? 0) + 1);
    if (selfClosing) this.pop(innerStart);
  }

  // RSS items and Atom entries never nest (and HTML has no such elements): an <item> opened inside
  // an open <item> means the first one, or something in it, lacked its end tag.
  private closeUnclosedSibling(key: string, at: number): void {
    const positions = this.openItems.get(key);
    if (!positions || positions.length === 0) return;
    const index = positions[positions.length - 1]!;
    this.warn(`<${this.stack[index]!.el.name}> was not closed before the next one`);
    while (this.stack.length > index) this.pop(at);
  }

  private pop(innerEnd: number): void {
    const open = this.stack.pop()!;
    open.el.innerEnd = Math.max(innerEnd, open.el.innerStart);
    if (open.isItem) this.openItems.get(open.key)!.pop();
    const count = this.openCounts.get(open.key)! - 1;
    if (count === 0) this.openCounts.delete(open.key);
    else this.openCounts.set(open.key, count);
    if (open.undo) {
      for (let k = open.undo.length - 1; k >= 0; k--) {
        const [prefix, previous] = open.undo[k]!;
        if (previous === undefined) this.scope.delete(prefix);
        else this.scope.set(prefix, previous);
      }
    }
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c > 0x7f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function isAttrNameChar(c: number): boolean {
  return !(isSpace(c) || c === 0x3d || c === 0x3e || c === 0x2f || c === 0x3c || c === 0x22 || c === 0x27);
}

/** All text inside an element, in document order (iterative: safe for any nesting depth). */
export function textContent(el: XmlElement): string {
  if (el.children.length === 0) {
    let only = '';
    for (const part of el.content) only += part as string;
    return only;
  }
  const out: string[] = [];
  const stack: Array<{ node: XmlElement; index: number }> = [{ node: el, index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.node.content.length) {
      stack.pop();
      continue;
    }
    const part = frame.node.content[frame.index++]!;
    if (typeof part === 'string') out.push(part);
    else stack.push({ node: part, index: 0 });
  }
  return out.join('');
}

/** Looks up an attribute by local name (any prefix), case-insensitively. */
export function attr(el: XmlElement, localName: string): string | null {
  if (el.attrs.size === 0) return null;
  const exact = el.attrs.get(localName);
  if (exact !== undefined) return exact;
  for (const [key, value] of el.attrs) {
    const colon = key.indexOf(':');
    if (colon > 0 && key.slice(colon + 1) === localName && !key.startsWith('xmlns')) return value;
  }
  return null;
}

/**
 * The element's inner markup as HTML: CDATA sections become escaped text, and namespace prefixes
 * on tags are dropped (`<xhtml:b>` → `<b>`), so an HTML parser can read it.
 */
export function innerMarkup(doc: XmlDocument, el: XmlElement): string {
  const raw = doc.source.slice(el.innerStart, el.innerEnd);
  return raw
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, (_m, body: string) => escapeHtml(body))
    .replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1');
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
