import type { DigestAlert } from './alert-sentence.js';
import { buildDigest } from './digest-model.js';
import type { DigestOptions } from './digest-model.js';
import { escapeMarkdown, safeHttpUrl } from './text-escape.js';

/** A URL that cannot break out of a Markdown link destination. */
function markdownUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Renders alerts as a Dutch Markdown digest (for chat webhooks, e-mail bodies, files). Every text that comes from
 * posts, areas or lexicons is escaped, links are only kept when they are http(s), and times are in
 * Europe/Amsterdam, labelled as such.
 * @example renderDigestMarkdown(alerts, { generatedAt: new Date(), areaNames: { WK036300: 'Burgwallen-Oude Zijde' } })
 */
export function renderDigestMarkdown(alerts: readonly DigestAlert[], options: DigestOptions = {}): string {
  const digest = buildDigest(alerts, options);
  const lines: string[] = [`# ${escapeMarkdown(digest.title)}`, ''];
  lines.push(digest.intro.map(escapeMarkdown).join(' '), '');
  digest.entries.forEach((entry, i) => {
    lines.push(`## ${i + 1}. ${escapeMarkdown(entry.heading)}`, '', escapeMarkdown(entry.sentence), '');
    for (const [label, value] of entry.details) lines.push(`- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`);
    if (entry.examples.length > 0) {
      lines.push('', 'Voorbeelden:');
      for (const example of entry.examples) {
        lines.push('');
        const url = safeHttpUrl(example.url);
        const source = example.title !== undefined ? escapeMarkdown(example.title) : url !== undefined ? 'bron' : undefined;
        const parts = [
          source === undefined ? undefined : url === undefined ? source : `[${source}](${markdownUrl(url)})`,
          example.when === undefined ? undefined : escapeMarkdown(example.when),
        ].filter((p) => p !== undefined);
        lines.push(`> ${escapeMarkdown(example.text)}`);
        if (parts.length > 0) lines.push('>', `> — ${parts.join(' · ')}`);
      }
    }
    lines.push('');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
