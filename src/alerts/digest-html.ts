import type { DigestAlert } from './alert-sentence.js';
import { buildDigest } from './digest-model.js';
import type { DigestOptions } from './digest-model.js';
import { escapeHtml, safeHttpUrl } from './text-escape.js';

/** Options of {@link renderDigestHtml}. */
export interface HtmlDigestOptions extends DigestOptions {
  /** Return only the content (for embedding in the dashboard) instead of a whole document. */
  fragment?: boolean;
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}',
  'section{border-top:1px solid #ccc;padding-top:.5rem;margin-top:1rem}',
  'blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:3px solid #999;background:#f6f6f6}',
  '.bron{font-size:.9em;color:#555}',
].join('');

/**
 * Renders alerts as a Dutch HTML digest (a whole document, or a fragment with `fragment: true`). Every text that
 * comes from posts, areas or lexicons is HTML-escaped, links are only kept when they are http(s) and open
 * without referrer, and times are in Europe/Amsterdam, labelled as such.
 * @example renderDigestHtml(alerts, { generatedAt: '2026-11-27T08:00:00Z' })
 */
export function renderDigestHtml(alerts: readonly DigestAlert[], options: HtmlDigestOptions = {}): string {
  const digest = buildDigest(alerts, options);
  const out: string[] = [];
  out.push(`<h1>${escapeHtml(digest.title)}</h1>`);
  out.push(`<p>${digest.intro.map(escapeHtml).join(' ')}</p>`);
  digest.entries.forEach((entry, i) => {
    out.push('<section>');
    out.push(`<h2>${i + 1}. ${escapeHtml(entry.heading)}</h2>`);
    out.push(`<p><strong>${escapeHtml(entry.sentence)}</strong></p>`);
    out.push('<ul>');
    for (const [label, value] of entry.details) out.push(`<li><strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}</li>`);
    out.push('</ul>');
    if (entry.examples.length > 0) {
      out.push('<p>Voorbeelden:</p>');
      for (const example of entry.examples) {
        const url = safeHttpUrl(example.url);
        const label = example.title !== undefined ? escapeHtml(example.title) : url !== undefined ? 'bron' : undefined;
        const source = label === undefined ? undefined
          : url === undefined ? label
            : `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${label}</a>`;
        const parts = [source, example.when === undefined ? undefined : escapeHtml(example.when)].filter((p) => p !== undefined);
        out.push(`<blockquote><p>${escapeHtml(example.text)}</p>${parts.length > 0 ? `<p class="bron">— ${parts.join(' · ')}</p>` : ''}</blockquote>`);
      }
    }
    out.push('</section>');
  });
  const body = out.join('\n');
  if (options.fragment) return `${body}\n`;
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(digest.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
