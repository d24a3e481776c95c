import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/collectors/html/html-to-text.js';

describe('htmlToText', () => {
  it.each([
    { name: 'empty input', html: '', text: '' },
    { name: 'plain text', html: '  Gewoon   tekst\n zonder opmaak ', text: 'Gewoon tekst zonder opmaak' },
    { name: 'inline markup', html: 'Overlast in de <b>Wallen</b> en <a href="/x">Oost</a>', text: 'Overlast in de Wallen en Oost' },
    { name: 'paragraphs become lines', html: '<p>Eerste alinea.</p><p>Tweede alinea.</p>', text: 'Eerste alinea.\nTweede alinea.' },
    { name: 'br and list items', html: 'Regel 1<br>Regel 2<br/><ul><li>een</li><li>twee</li></ul>', text: 'Regel 1\nRegel 2\neen\ntwee' },
    { name: 'divs keep words apart', html: '<div>links</div><div>rechts</div>', text: 'links\nrechts' },
    { name: 'table cells', html: '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', text: 'a b\nc' },
    { name: 'script, style and noscript are dropped', html: 'a<script>var x = "<p>";</script>b<style>p{}</style>c<noscript>zet JS aan</noscript>d', text: 'abcd' },
    { name: 'self-closed script still hides its raw text', html: 'a<script/>alert(1)</script>b', text: 'ab' },
    { name: 'an iframe and a template are dropped', html: 'x<iframe src="y">fallback</iframe><template><p>t</p></template>z', text: 'xz' },
    { name: 'object fallback text is kept', html: 'veilig<object data="x"> beschrijving</object>', text: 'veilig beschrijving' },
    { name: 'named and numeric entities', html: 'Caf&eacute; &amp; co &ndash; &#8220;ja&#8221;&nbsp;&euro;5', text: 'Café & co – “ja” €5' },
    { name: 'legacy entities without semicolon', html: '&copy 2024 AT&T', text: '© 2024 AT&T' },
    { name: 'double-escaped HTML', html: '&lt;p&gt;Bewoners &lt;b&gt;klagen&lt;/b&gt;&lt;/p&gt;', text: 'Bewoners klagen' },
    { name: 'double-escaped entities in real HTML', html: '<p>It&amp;#8217;s caf&amp;eacute;</p>', text: 'It’s café' },
    { name: 'a lone escaped tag in text is meant literally', html: 'de &lt;blink&gt; tag', text: 'de <blink> tag' },
    { name: 'a "<" that is no tag', html: '1 < 2 en 3 > 2', text: '1 < 2 en 3 > 2' },
    { name: 'comments and doctype', html: '<!DOCTYPE html><!-- x -->tekst', text: 'tekst' },
    { name: 'a whole page: head dropped, body kept', html: '<html><head><title>Titel</title></head><body><h1>Kop</h1><p>Tekst</p></body></html>', text: 'Kop\nTekst' },
    { name: 'unclosed tags', html: '<p>een<p>twee<b>drie</i>', text: 'een\ntweedrie' },
    { name: 'no-break spaces collapse', html: 'a&nbsp;&nbsp; b', text: 'a b' },
  ])('$name', ({ html, text }) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('can leave escaped markup alone for exact (xhtml) input', () => {
    expect(htmlToText('&lt;p&gt;x&lt;/p&gt;', { undoDoubleEscaping: false })).toBe('<p>x</p>');
  });

  it('is linear on hostile input and deep nesting', () => {
    expect(htmlToText('<'.repeat(150_000))).toHaveLength(150_000);
    expect(htmlToText(`${'<div>'.repeat(50_000)}kern${'</span>'.repeat(50_000)}`)).toBe('kern');
    expect(htmlToText('<a '.repeat(50_000))).toBe('');
  });
});
