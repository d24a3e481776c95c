/** Elements that start a new line of text (their content is a block, not inline). */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** Table cells: separated by a space, not a line. */
export const CELL_ELEMENTS: ReadonlySet<string> = new Set(['td', 'th']);

/**
 * Elements whose content is never readable text (code, styling, embedded documents, metadata).
 * <object> and <applet> are not among them: their content is the fallback text a reader sees.
 */
export const INVISIBLE_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe',
  'noembed', 'noframes', 'frameset', 'select', 'textarea', 'canvas', 'audio', 'video', 'map',
]);

/** Elements whose content the HTML tokenizer reads as raw text up to their end tag, even after `/>`. */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'title', 'textarea', 'iframe', 'noembed', 'noframes', 'xmp', 'plaintext',
]);

/** HTML tag names that betray markup in a field that might also be plain text (a title, say). */
export const COMMON_HTML_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'acronym', 'address', 'applet', 'b', 'big', 'blockquote', 'br', 'center', 'cite', 'code', 'dd',
  'del', 'dfn', 'div', 'dl', 'dt', 'em', 'embed', 'font', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'input', 'ins', 'kbd', 'li', 'link', 'meta', 'noscript', 'object',
  'ol', 'p', 'pre', 'q', 's', 'samp', 'script', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'sup',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var', 'figure', 'figcaption', 'article',
  'section', 'picture', 'video', 'audio', 'svg', 'blink', 'marquee', 'body', 'html', 'head', 'title',
]);

const TAG_PATTERN = /<\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])/g;
const ESCAPED_TAG_PATTERN = /&lt;\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/]|&gt;)/g;
const ENTITY_PATTERN = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/;

/** True when the text contains an HTML tag we recognise (`<b>`, `</p>`, `<br/>`) or an entity. */
export function looksLikeHtml(text: string): boolean {
  if (text.indexOf('&') >= 0 && ENTITY_PATTERN.test(text)) return true;
  if (text.indexOf('<') < 0) return false;
  TAG_PATTERN.lastIndex = 0;
  for (let m = TAG_PATTERN.exec(text); m; m = TAG_PATTERN.exec(text)) {
    if (COMMON_HTML_TAGS.has(m[1]!.toLowerCase())) return true;
  }
  return false;
}

/**
 * True when HTML was escaped once too often, as many feeds do: it holds no real tag, but escaped
 * ones that start the text (`&lt;p&gt;…`) or include an end tag (`…&lt;/b&gt;`). A lone escaped
 * tag in running text ("the &lt;blink&gt; tag") is taken as meant literally.
 */
export function looksDoubleEscaped(html: string): boolean {
  if (html.indexOf('&lt;') < 0) return false;
  TAG_PATTERN.lastIndex = 0;
  for (let m = TAG_PATTERN.exec(html); m; m = TAG_PATTERN.exec(html)) {
    if (COMMON_HTML_TAGS.has(m[1]!.toLowerCase())) return false;
  }
  const leading = /^\s*&lt;/.test(html);
  ESCAPED_TAG_PATTERN.lastIndex = 0;
  for (let m = ESCAPED_TAG_PATTERN.exec(html); m; m = ESCAPED_TAG_PATTERN.exec(html)) {
    if (!COMMON_HTML_TAGS.has(m[1]!.toLowerCase())) continue;
    const isEndTag = html.charCodeAt(m.index + 4) === 0x2f;
    if (isEndTag || (leading && m.index === html.indexOf('&lt;'))) return true;
  }
  return false;
}

/** True when the text still holds a character reference after decoding (double-escaped entities). */
export function hasEntity(text: string): boolean {
  return text.indexOf('&') >= 0 && ENTITY_PATTERN.test(text);
}

/** Escapes text for an HTML text node. */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
}

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeHtmlAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === '<' ? '&lt;' : '&gt;'));
}
