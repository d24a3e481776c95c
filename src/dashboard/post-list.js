// Posts for analysts, with the words that made them count highlighted. All post text goes in through
// text nodes (segments), never as HTML; links only for http(s) URLs.

import { h } from './dom.js';
import { formatDateTime, formatSentiment } from './format.js';
import { matchRanges, segments } from './highlight.js';

function highlighted(text, ranges, from, to) {
  return segments(text, ranges, from, to).map((piece) =>
    piece.match
      ? h('mark', {
          class: piece.match.kind === 'sentiment' ? (piece.match.weight < 0 ? 'neg' : 'pos') : 'topic',
          attrs: { title: piece.match.kind === 'topic' ? `onderwerp: ${piece.match.topic}` : `sentiment ${formatSentiment(piece.match.weight)}` },
          text: piece.text,
        })
      : document.createTextNode(piece.text),
  );
}

function safeLink(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function sentimentClass(value) {
  if (value === null || value === undefined) return 'none';
  return value < -0.1 ? 'neg' : value > 0.1 ? 'pos' : 'neutral';
}

const EVIDENCE = { source: 'via de bron', text: 'genoemd in de tekst', coordinates: 'coördinaten' };

/** One post as a list item. `topicLabel(slug)` names topics in Dutch, `areaName(code)` names areas. */
export function renderPost(post, topicLabel, areaName = (code) => code) {
  const text = post.text ?? '';
  const ranges = matchRanges(text, post.matches);
  // The NLP text starts with the title: show that part as the heading, the rest as the body.
  const titleLength = post.title && text.startsWith(post.title) ? post.title.length : 0;
  // The body starts after the title and the punctuation that joined them (". ", ": ", a newline).
  const bodyStart = titleLength + (/^[\s.:;,!?–—-]*/.exec(text.slice(titleLength))?.[0].length ?? 0);
  const link = post.url ? safeLink(post.url) : null;
  const terms = [...new Set(post.matches.map((m) => (m.kind === 'topic' ? `${m.text} → ${topicLabel(m.topic)}` : `${m.text} (${formatSentiment(m.weight)})`)))];
  return h('li', { class: 'post', dataset: { postId: post.id } },
    h('div', { class: 'post-meta' },
      h('time', { attrs: { datetime: post.published_at }, text: formatDateTime(post.published_at) }),
      h('span', { class: 'source', text: post.source }),
      h('span', { class: `sentiment ${sentimentClass(post.sentiment)}`, text: `sentiment ${formatSentiment(post.sentiment)}` }),
      ...Object.keys(post.topics).map((slug) => h('span', { class: 'chip topic', text: topicLabel(slug) }))),
    titleLength
      ? h('h3', { class: 'post-title' }, ...highlighted(text, ranges, 0, titleLength))
      : post.title
        ? h('h3', { class: 'post-title', text: post.title })
        : null,
    post.text === null
      ? h('p', { class: 'post-text purged', text: 'De tekst is verwijderd na de bewaartermijn; de scores zijn bewaard.' })
      : h('p', { class: 'post-text' }, ...highlighted(text, ranges, bodyStart, text.length)),
    terms.length ? h('p', { class: 'post-why' }, h('span', { class: 'why-label', text: 'Waarom: ' }), terms.join(' · ')) : null,
    h('p', { class: 'post-areas' },
      h('span', { class: 'why-label', text: 'Gebied: ' }),
      post.areas.filter((a) => a.direct).map((a) => `${areaName(a.code)} (${EVIDENCE[a.evidence] ?? a.evidence})`).join(', ') || 'onbekend',
      link ? h('a', { attrs: { href: link, target: '_blank', rel: 'noopener noreferrer' }, text: 'Origineel bericht ↗' }) : null),
  );
}
