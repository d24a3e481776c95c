import { describe, expect, it } from 'vitest';
import { TimeBudget } from '../../../src/collectors/feed/parse-budget.js';
import { attr, innerMarkup, parseXmlDocument, textContent } from '../../../src/collectors/feed/parse-xml.js';
import type { XmlElement } from '../../../src/collectors/feed/parse-xml.js';

const parse = (text: string) => parseXmlDocument(text, new TimeBudget(10_000));

function outline(el: XmlElement): string {
  // Iterative: the trees in these tests are small, but the helper must not model recursion either.
  const out: string[] = [];
  const stack: Array<XmlElement | string> = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    out.push(`${node.local}(`);
    stack.push(')');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out.join('');
}

describe('parseXmlDocument', () => {
  it.each([
    { name: 'nested elements', text: '<a><b/><c><d></d></c></a>', outline: 'a(b()c(d()))' },
    { name: 'an unclosed element, closed by its parent', text: '<a><b><c></a>', outline: 'a(b(c()))' },
    { name: 'a stray end tag', text: '<a></x><b/></a>', outline: 'a(b())' },
    { name: 'an unclosed item before the next one', text: '<ch><item><t/><item><t/></item></ch>', outline: 'ch(item(t())item(t()))' },
    { name: 'an unclosed title before the next item', text: '<ch><item><title>a<item><title>b</title></item></ch>', outline: 'ch(item(title())item(title()))' },
    { name: 'a truncated document', text: '<a><b>text', outline: 'a(b())' },
    { name: 'case-insensitive end tags', text: '<Channel><Title>x</TITLE></channel>', outline: 'channel(title())' },
  ])('builds the tree for $name', ({ text, outline: expected }) => {
    const doc = parse(text);
    expect(outline(doc.roots[0]!)).toBe(expected);
  });

  it.each([
    { name: 'XML entities', text: '<t>&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos;</t>', value: '<b> & "q" \'a\'' },
    { name: 'HTML named entities', text: '<t>caf&eacute; &nbsp;&euro;&hellip;</t>', value: 'café \u00a0€…' },
    { name: 'numeric entities, also windows-1252 ones', text: '<t>&#233;&#xE9;&#150;</t>', value: 'éé–' },
    { name: 'bare ampersands', text: '<t>Tom & Jerry &amp Co</t>', value: 'Tom & Jerry &amp Co' },
    { name: 'unknown entities stay as written', text: '<t>&foo; &lol9;</t>', value: '&foo; &lol9;' },
    { name: 'CDATA is not decoded', text: '<t><![CDATA[<b>&amp;</b>]]></t>', value: '<b>&amp;</b>' },
    { name: 'a truncated CDATA section', text: '<t><![CDATA[begin', value: 'begin' },
    { name: 'comments are skipped', text: '<t>a<!-- <x> -->b</t>', value: 'ab' },
    { name: 'a "<" that starts no tag', text: '<t>1 < 2 and a<3</t>', value: '1 < 2 and a<3' },
    { name: 'a broken closing tag', text: '<t>a </ b</t>', value: 'a </ b' },
    { name: 'text of child elements, in order', text: '<t>a<b>B</b>c<i>I</i></t>', value: 'aBcI' },
  ])('reads text with $name', ({ text, value }) => {
    expect(textContent(parse(text).roots[0]!)).toBe(value);
  });

  it('skips a DOCTYPE with an internal subset without expanding its entities', () => {
    const doc = parse('<!DOCTYPE r [<!ENTITY e "expanded"> <!ENTITY x SYSTEM "file:///etc/passwd">]><r>&e;&x;</r>');
    expect(doc.doctype).toMatch(/^DOCTYPE r \[/);
    expect(textContent(doc.roots[0]!)).toBe('&e;&x;');
    expect(doc.warnings).toContain('the DOCTYPE declares entities; they were not expanded');
  });

  it('reads attributes: quoted, unquoted, without value, with entities, unterminated', () => {
    const el = parse('<a x="1 &amp; 2" y=\'q\' z=bare flag data-v="a>b"/>').roots[0]!;
    expect(Object.fromEntries(el.attrs)).toEqual({ x: '1 & 2', y: 'q', z: 'bare', flag: '', 'data-v': 'a>b' });
    const broken = parse('<a href="http://x.example/>text</a>').roots[0]!;
    expect(attr(broken, 'href')).toBe('http://x.example/');
  });

  it('resolves namespaces, including undeclared well-known prefixes', () => {
    const root = parse(
      '<rss xmlns:x="http://purl.org/dc/elements/1.1/"><x:creator/><dc:date/><foo:bar/><a xmlns="http://www.w3.org/2005/Atom"><b/></a><c/></rss>',
    ).roots[0]!;
    const [creator, date, bar, a, c] = root.children;
    expect(creator!.ns).toBe('http://purl.org/dc/elements/1.1/');
    expect(date!.ns).toBe('http://purl.org/dc/elements/1.1/');
    expect(bar!.ns).toBe('#undeclared:foo');
    expect(a!.children[0]!.ns).toBe('http://www.w3.org/2005/atom');
    expect(c!.ns).toBe(''); // the default namespace ended with </a>
  });

  it('gives the inner markup of an element as HTML', () => {
    const doc = parse('<content><xhtml:div><xhtml:p>a &amp; <![CDATA[<b>]]></xhtml:p></xhtml:div></content>');
    expect(innerMarkup(doc, doc.roots[0]!)).toBe('<div><p>a &amp; &lt;b&gt;</p></div>');
  });

  it('flattens nesting beyond its depth cap instead of recursing', () => {
    const depth = 50_000;
    const doc = parse(`<r>${'<d>'.repeat(depth)}x${'</d>'.repeat(depth)}<after/></r>`);
    expect(textContent(doc.roots[0]!)).toBe('x');
    expect(doc.roots[0]!.children.at(-1)!.local).toBe('after');
    expect(doc.warnings.join(' ')).toMatch(/flattened/);
  });
});
