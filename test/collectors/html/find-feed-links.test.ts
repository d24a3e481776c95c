import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFeedLinks } from '../../../src/collectors/html/find-feed-links.js';

describe('findFeedLinks', () => {
  it.each([
    {
      name: 'RSS, Atom and JSON Feed alternates, resolved, without duplicates',
      html: readFileSync(new URL('../../fixtures/feeds/html-page.html', import.meta.url), 'utf8'),
      base: 'https://omroep.example.nl/',
      links: [
        'https://omroep.example.nl/site/feeds/nieuws.xml',
        'https://omroep.example.nl/sport.atom',
        'https://omroep.example.nl/feed.json',
      ],
    },
    {
      name: 'attributes in any case and order, with entities',
      html: '<LINK HREF="/rss?a=1&amp;b=2" TYPE="Application/RSS+XML; charset=utf-8" REL="Alternate">',
      base: 'https://a.example/',
      links: ['https://a.example/rss?a=1&b=2'],
    },
    {
      name: 'rel="feed" of any type',
      html: '<link rel="feed" href="https://a.example/feed">',
      base: null,
      links: ['https://a.example/feed'],
    },
    {
      name: 'relative hrefs stay relative without a base',
      html: '<link rel="alternate" type="application/atom+xml" href="/atom.xml">',
      base: null,
      links: ['/atom.xml'],
    },
    {
      name: 'not stylesheets, translations, anchors or javascript: links',
      html: '<link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="en" href="/en"><a href="/rss.xml">rss</a><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
      base: 'https://a.example/',
      links: [],
    },
    { name: 'a page without links', html: '<p>niets</p>', base: 'https://a.example/', links: [] },
  ])('$name', ({ html, base, links }) => {
    expect(findFeedLinks(html, base)).toEqual(links);
  });
});
