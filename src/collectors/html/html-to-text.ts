import { decodeHTML, decodeHTMLStrict } from 'entities';
import { Tokenizer } from 'htmlparser2';
import {
  BLOCK_ELEMENTS,
  CELL_ELEMENTS,
  INVISIBLE_ELEMENTS,
  RAW_TEXT_ELEMENTS,
  hasEntity,
  looksDoubleEscaped,
} from './html-elements.js';

/** Options of `htmlToText`. */
export interface HtmlToTextOptions {
  /**
   * Decode HTML that was escaped twice (`&lt;p&gt;`) before reading it (default true). Turn it off
   * for markup known to be exact, such as Atom xhtml content.
   */
  undoDoubleEscaping?: boolean;
}

/**
 * Turns HTML (a feed item's description, a title with markup) into readable plain text: block
 * elements become line breaks, script/style and other invisible content is dropped, entities are
 * decoded (also when escaped twice, as in `&lt;p&gt;` or `&amp;eacute;`) and whitespace is
 * collapsed. Linear in the input; never recurses on nesting depth.
 * @example htmlToText('<p>Overlast in de <b>Wallen</b></p><p>Politie &amp; gemeente</p>') // 'Overlast in de Wallen\nPolitie & gemeente'
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  if (!html) return '';
  const source = options.undoDoubleEscaping !== false && looksDoubleEscaped(html) ? decodeHTML(html) : html;
  if (source.indexOf('<') < 0 && source.indexOf('&') < 0) return collapseWhitespace(source);

  const parts: string[] = [];
  // Open invisible elements by name; a count per name tolerates unclosed and stray end tags.
  const invisible = new Map<string, number>();
  let hidden = 0;
  let tagName = '';

  const openTag = (selfClosing: boolean): void => {
    const name = tagName;
    if (name === 'body') {
      hidden -= invisible.get('head') ?? 0;
      invisible.delete('head');
    }
    if (INVISIBLE_ELEMENTS.has(name)) {
      // The tokenizer reads <script/> like <script>: its raw text still follows.
      if (!selfClosing || RAW_TEXT_ELEMENTS.has(name)) {
        invisible.set(name, (invisible.get(name) ?? 0) + 1);
        hidden++;
      }
      return;
    }
    if (hidden > 0) return;
    if (name === 'br' || BLOCK_ELEMENTS.has(name)) parts.push('\n');
    else if (CELL_ELEMENTS.has(name)) parts.push(' ');
  };

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      ontext(start, end) {
        if (hidden === 0) parts.push(decodeHTML(source.slice(start, end)).replace(WHITESPACE_TO_COLLAPSE, ' '));
      },
      onopentagname(start, end) {
        tagName = source.slice(start, end).toLowerCase();
      },
      onopentagend() {
        openTag(false);
      },
      onselfclosingtag() {
        openTag(true);
      },
      onclosetag(start, end) {
        const name = source.slice(start, end).toLowerCase();
        const open = invisible.get(name);
        if (open) {
          if (open === 1) invisible.delete(name);
          else invisible.set(name, open - 1);
          hidden--;
          return;
        }
        if (hidden > 0) return;
        if (name === 'br' || BLOCK_ELEMENTS.has(name)) parts.push('\n');
        else if (CELL_ELEMENTS.has(name)) parts.push(' ');
      },
      onattribname() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
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

  let text = tidyLines(parts.join(''));
  // Entities that survive decoding were escaped twice (`&amp;#8217;`): decode the remainder once more.
  if (options.undoDoubleEscaping !== false && hasEntity(text)) text = decodeHTMLStrict(text);
  return text;
}

// Only runs that are not already a single space: replacing millions of ' ' by ' ' is slow.
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;
const LINE_SPACE_TO_COLLAPSE = /[^\S\n]{2,}|[^\S\n ]/g;

function tidyLines(text: string): string {
  return text
    .replace(LINE_SPACE_TO_COLLAPSE, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}

/** Collapses all whitespace (including newlines and no-break spaces) to single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}
