// Figures on the DEV rows only (the rows we are allowed to look at and tune on). Not part of the
// reported evaluation. Usage: npx tsx eval/dev-report.ts [bolcom|semeval|zegelaar|hatecheck|topics] [--errors N]

import { scorePost } from '../src/nlp/index.js';
import { createEvalContext, evalTopics, macroF1 } from './nlp-eval.js';
import { loadBolcom, loadHatecheck, loadSemevalSentences, loadZegelaar, type Row } from './datasets.js';

const which = process.argv[2] ?? 'all';
const errIdx = process.argv.indexOf('--errors');
const showErrors = errIdx > 0 ? Number(process.argv[errIdx + 1]) : 0;
const ctx = createEvalContext({ baseline: false });

function binaryDev(name: string, rows: Row[]): void {
  let cov = 0;
  let ok = 0;
  const errors: string[] = [];
  for (const r of rows) {
    const res = scorePost(r.text, ctx.lex, { langHint: 'nl' });
    if (res.sentiment === null) continue;
    cov++;
    if ((res.sentiment > 0 ? 'pos' : 'neg') === r.label) ok++;
    else if (errors.length < showErrors) errors.push(`${r.label} ${res.sentiment} | ${r.text.slice(0, 300)} | ${res.matches.filter((m) => m.kind === 'sentiment').map((m) => `${m.term}:${m.weight}`).join(' ')}`);
  }
  console.log(`${name} dev: n=${rows.length} accuracy=${(ok / cov).toFixed(4)} coverage=${(cov / rows.length).toFixed(4)}`);
  for (const e of errors) console.log('  ', e);
}

if (which === 'all' || which === 'bolcom') binaryDev('bolcom', loadBolcom().filter((r) => r.split === 'dev'));
if (which === 'all' || which === 'semeval') binaryDev('semeval', loadSemevalSentences().filter((r) => r.split === 'dev'));
if (which === 'all' || which === 'zegelaar') {
  const dev = loadZegelaar().filter((r) => r.split === 'dev');
  const scores = dev.map((r) => scorePost(r.text, ctx.lex, { langHint: 'nl' }).sentiment);
  for (const band of [0, 0.1, 0.2, 0.3, 0.4, 0.5]) {
    const pred = scores.map((s) => (s === null || Math.abs(s) <= band ? 'neu' : s > 0 ? 'pos' : 'neg'));
    console.log(`zegelaar dev band=${band} macroF1=${macroF1(dev.map((r) => r.label), pred, ['pos', 'neg', 'neu']).toFixed(4)}`);
  }
}
if (which === 'all' || which === 'hatecheck') {
  const dev = loadHatecheck().filter((r) => r.split === 'dev');
  const pred = dev.map((r) => ((scorePost(r.text, ctx.lex, { langHint: 'nl' }).topics.hate ?? 0) > 0 ? 'hateful' : 'non-hateful'));
  console.log(`hatecheck dev: n=${dev.length} macroF1=${macroF1(dev.map((r) => r.label), pred, ['hateful', 'non-hateful']).toFixed(4)}`);
  const by = new Map<string, [number, number]>();
  dev.forEach((r, i) => {
    const c = by.get(r.group!) ?? [0, 0];
    c[0]++;
    if (pred[i] === r.label) c[1]++;
    by.set(r.group!, c);
  });
  for (const [k, [n, ok]] of [...by].sort()) console.log(`   ${k.padEnd(20)} ${(ok / n).toFixed(3)} n=${n}`);
  let shown = 0;
  dev.forEach((r, i) => {
    if (pred[i] !== r.label && shown < showErrors) {
      shown++;
      console.log(`   ERR ${r.group} ${r.label}: ${r.text}`);
    }
  });
}
if (which === 'all' || which === 'topics') {
  const r = evalTopics(ctx, 'dev');
  console.log(JSON.stringify(r.skipped ?? { ours: r.ours, perTopic: r.details?.perTopic, errors: r.details?.errors }, null, 1));
}
