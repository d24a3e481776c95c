// The evaluation core, shared by `npm run eval` (eval/main.ts) and the CI test
// (test/eval/nlp-eval.test.ts). Every figure is computed on TEST rows (held out); the only
// parameter fitted on data is the neutral band of the 3-class task, fitted on the dev (train) rows.

import { franc } from 'franc';
import { detectLanguage, loadLexicons, scorePost, type Lexicons } from '../src/nlp/index.js';
import { FRANC_ONLY, toIso1 } from '../src/nlp/language-detector.js';
import {
  DatasetMissingError,
  loadBolcom,
  loadDutchShortTexts,
  loadHatecheck,
  loadLanguageFixture,
  loadSemevalSentences,
  loadTopicSet,
  loadZegelaar,
  type Row,
} from './datasets.js';
import { createNaturalBaseline, type NaturalBaseline } from './natural-baseline.js';

/** Targets from the issue; a result below them fails the CI test. */
export const TARGETS = {
  bolcomAccuracy: 0.85,
  bolcomCoverage: 0.95,
  semevalAccuracy: 0.8,
  zegelaarMacroF1: 0.55,
  hatecheckMacroF1: 0.6,
  topicMicroPrecision: 0.9,
  topicMicroRecall: 0.8,
  topicMinPrecision: 0.8,
} as const;

/** Outcome of one dataset's evaluation. `skipped` holds the reason when the data is missing. */
export interface EvalResult {
  name: string;
  skipped?: string;
  /** Rows the figures are computed on. */
  n: number;
  ours: Record<string, number>;
  baseline: Record<string, number> | null;
  targets: Record<string, number>;
  pass: boolean;
  details?: Record<string, unknown>;
}

interface Ctx {
  lex: Lexicons;
  baseline: NaturalBaseline | null;
}

function skipped(name: string, err: unknown): EvalResult {
  if (err instanceof DatasetMissingError) return { name, skipped: err.message, n: 0, ours: {}, baseline: null, targets: {}, pass: true };
  throw err;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Binary pos/neg: accuracy over covered rows (sentiment not null) and coverage. */
function binary(rows: Row[], ctx: Ctx): { ours: Record<string, number>; baseline: Record<string, number> | null } {
  let covered = 0;
  let correct = 0;
  let bCovered = 0;
  let bCorrect = 0;
  for (const r of rows) {
    const s = scorePost(r.text, ctx.lex, { langHint: 'nl' }).sentiment;
    if (s !== null) {
      covered++;
      if ((s > 0 ? 'pos' : 'neg') === r.label) correct++;
    }
    if (ctx.baseline) {
      const b = ctx.baseline.score(r.text).sentiment;
      if (b !== 0) {
        bCovered++;
        if ((b > 0 ? 'pos' : 'neg') === r.label) bCorrect++;
      }
    }
  }
  const ours = { accuracy: round(correct / Math.max(1, covered)), coverage: round(covered / rows.length), accuracyAllRows: round(correct / rows.length) };
  const baseline = ctx.baseline ? { accuracy: round(bCorrect / Math.max(1, bCovered)), coverage: round(bCovered / rows.length), accuracyAllRows: round(bCorrect / rows.length) } : null;
  return { ours, baseline };
}

/** bol.com book reviews (held-out half): accuracy ≥ 0.85 at coverage ≥ 0.95. */
export function evalBolcom(ctx: Ctx): EvalResult {
  const name = 'bol.com book reviews (pos/neg, test half)';
  let rows: Row[];
  try {
    rows = loadBolcom().filter((r) => r.split === 'test');
  } catch (err) {
    return skipped(name, err);
  }
  const { ours, baseline } = binary(rows, ctx);
  const targets = { accuracy: TARGETS.bolcomAccuracy, coverage: TARGETS.bolcomCoverage };
  return { name, n: rows.length, ours, baseline, targets, pass: ours.accuracy >= targets.accuracy && ours.coverage >= targets.coverage };
}

/** SemEval-2016 restaurant sentences labelled positive/negative (held-out reviews): accuracy ≥ 0.80. */
export function evalSemeval(ctx: Ctx): EvalResult {
  const name = 'SemEval-2016 restaurant sentences (pos/neg, test reviews)';
  let rows: Row[];
  try {
    rows = loadSemevalSentences().filter((r) => r.split === 'test');
  } catch (err) {
    return skipped(name, err);
  }
  const { ours, baseline } = binary(rows, ctx);
  const targets = { accuracy: TARGETS.semevalAccuracy };
  return { name, n: rows.length, ours, baseline, targets, pass: ours.accuracy >= targets.accuracy };
}

/** Macro-F1 over the given classes. */
export function macroF1(gold: string[], pred: string[], classes: string[]): number {
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return sum / classes.length;
}

function threeClass(score: number | null, band: number): string {
  if (score === null || Math.abs(score) <= band) return 'neu';
  return score > 0 ? 'pos' : 'neg';
}

function fitBand(scores: (number | null)[], gold: string[], grid: number[]): number {
  let best = grid[0]!;
  let bestF = -1;
  for (const b of grid) {
    const f = macroF1(gold, scores.map((s) => threeClass(s, b)), ['pos', 'neg', 'neu']);
    if (f > bestF) {
      bestF = f;
      best = b;
    }
  }
  return best;
}

/** Zegelaar political tweets, 3-class macro-F1 on the test split; the neutral band is fitted on train. */
export function evalZegelaar(ctx: Ctx): EvalResult {
  const name = 'Zegelaar political tweets (3-class, test split)';
  let rows: Row[];
  try {
    rows = loadZegelaar();
  } catch (err) {
    return skipped(name, err);
  }
  const dev = rows.filter((r) => r.split === 'dev');
  const test = rows.filter((r) => r.split === 'test');
  const ourScore = (r: Row) => scorePost(r.text, ctx.lex, { langHint: 'nl' }).sentiment;
  const band = fitBand(dev.map(ourScore), dev.map((r) => r.label), [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]);
  const ourPred = test.map((r) => threeClass(ourScore(r), band));
  const ours = { macroF1: round(macroF1(test.map((r) => r.label), ourPred, ['pos', 'neg', 'neu'])), neutralBand: band };
  let baseline: Record<string, number> | null = null;
  if (ctx.baseline) {
    const b = ctx.baseline;
    const bScore = (r: Row) => {
      const s = b.score(r.text).sentiment;
      return s === 0 ? null : s;
    };
    const bBand = fitBand(dev.map(bScore), dev.map((r) => r.label), [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2]);
    baseline = { macroF1: round(macroF1(test.map((r) => r.label), test.map((r) => threeClass(bScore(r), bBand)), ['pos', 'neg', 'neu'])), neutralBand: bBand };
  }
  const targets = { macroF1: TARGETS.zegelaarMacroF1 };
  return { name, n: test.length, ours, baseline, targets, pass: ours.macroF1 >= targets.macroF1 };
}

/** HateCheck-NL: hate topic score > 0 ⇒ hateful; macro-F1 on held-out templates, per functionality. */
export function evalHatecheck(ctx: Ctx): EvalResult {
  const name = 'HateCheck-NL hate topic (held-out templates)';
  let rows: Row[];
  try {
    rows = loadHatecheck().filter((r) => r.split === 'test');
  } catch (err) {
    return skipped(name, err);
  }
  const gold = rows.map((r) => r.label);
  const pred = rows.map((r) => ((scorePost(r.text, ctx.lex, { langHint: 'nl' }).topics.hate ?? 0) > 0 ? 'hateful' : 'non-hateful'));
  const perFunc: Record<string, { n: number; accuracy: number }> = {};
  const byFunc = new Map<string, { n: number; ok: number }>();
  rows.forEach((r, i) => {
    const f = byFunc.get(r.group!) ?? { n: 0, ok: 0 };
    f.n++;
    if (pred[i] === gold[i]) f.ok++;
    byFunc.set(r.group!, f);
  });
  for (const [k, v] of [...byFunc].sort()) perFunc[k] = { n: v.n, accuracy: round(v.ok / v.n) };
  const ours = { macroF1: round(macroF1(gold, pred, ['hateful', 'non-hateful'])), accuracy: round(pred.filter((p, i) => p === gold[i]).length / rows.length) };
  let baseline: Record<string, number> | null = null;
  if (ctx.baseline) {
    const b = ctx.baseline;
    const bp = rows.map((r) => (b.score(r.text).sentiment < 0 ? 'hateful' : 'non-hateful'));
    baseline = { macroF1: round(macroF1(gold, bp, ['hateful', 'non-hateful'])), accuracy: round(bp.filter((p, i) => p === gold[i]).length / rows.length) };
  }
  const targets = { macroF1: TARGETS.hatecheckMacroF1 };
  return { name, n: rows.length, ours, baseline, targets, pass: ours.macroF1 >= targets.macroF1, details: { perFunctionality: perFunc, baselineRule: 'natural sentiment < 0 ⇒ hateful' } };
}

/** Per-topic and micro precision/recall on our topic set (`which` = 'test' for reporting). */
export function evalTopics(ctx: Ctx, which: 'dev' | 'test' = 'test'): EvalResult {
  const name = `topic set (topic-${which}.jsonl)`;
  let rows;
  try {
    rows = loadTopicSet(which);
  } catch (err) {
    return skipped(name, err);
  }
  const slugs = ctx.lex.topics.topics.map((t) => t.slug);
  const counts = new Map(slugs.map((s) => [s, { tp: 0, fp: 0, fn: 0 }]));
  const errors: { id: string; missed: string[]; extra: string[] }[] = [];
  for (const r of rows) {
    const got = new Set(Object.entries(scorePost(r.text, ctx.lex).topics).filter(([, v]) => v > 0).map(([k]) => k));
    const want = new Set(r.topics);
    const missed: string[] = [];
    const extra: string[] = [];
    for (const s of slugs) {
      const c = counts.get(s)!;
      if (got.has(s) && want.has(s)) c.tp++;
      else if (got.has(s)) {
        c.fp++;
        extra.push(s);
      } else if (want.has(s)) {
        c.fn++;
        missed.push(s);
      }
    }
    if (missed.length || extra.length) errors.push({ id: r.id, missed, extra });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perTopic: Record<string, { precision: number; recall: number; support: number }> = {};
  let minPrecision = 1;
  for (const [s, c] of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
    const rcl = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
    perTopic[s] = { precision: round(p), recall: round(rcl), support: c.tp + c.fn };
    if (c.tp + c.fp > 0) minPrecision = Math.min(minPrecision, p);
  }
  const ours = { microPrecision: round(tp / Math.max(1, tp + fp)), microRecall: round(tp / Math.max(1, tp + fn)), minTopicPrecision: round(minPrecision) };
  const targets = { microPrecision: TARGETS.topicMicroPrecision, microRecall: TARGETS.topicMicroRecall, minTopicPrecision: TARGETS.topicMinPrecision };
  return {
    name,
    n: rows.length,
    ours,
    baseline: null,
    targets,
    pass: ours.microPrecision >= targets.microPrecision && ours.microRecall >= targets.microRecall && ours.minTopicPrecision >= targets.minTopicPrecision,
    details: { perTopic, errors: errors.slice(0, 40), errorCount: errors.length },
  };
}

/** Language identification: Dutch rows of the datasets, and our own short multilingual fixture. */
export function evalLanguage(ctx: Ctx): EvalResult {
  const name = 'language identification (short texts)';
  const dutch = loadDutchShortTexts();
  let ok = 0;
  let francDefault = 0;
  let francAfr = 0;
  let francOnly = 0;
  for (const d of dutch) {
    if (detectLanguage(d.text).lang === 'nl') ok++;
    if (ctx.baseline) {
      const f = franc(d.text);
      if (f === 'nld') francDefault++;
      if (f === 'afr') francAfr++;
      if (franc(d.text, { only: FRANC_ONLY }) === 'nld') francOnly++;
    }
  }
  let fixture: { text: string; lang: string }[] = [];
  try {
    fixture = loadLanguageFixture();
  } catch (err) {
    if (!(err instanceof DatasetMissingError)) throw err;
  }
  const perLang = new Map<string, { n: number; ours: number; franc: number }>();
  for (const f of fixture) {
    const c = perLang.get(f.lang) ?? { n: 0, ours: 0, franc: 0 };
    c.n++;
    if (detectLanguage(f.text).lang === f.lang) c.ours++;
    if (toIso1(franc(f.text)) === f.lang) c.franc++;
    perLang.set(f.lang, c);
  }
  const fixtureAcc: Record<string, { n: number; ours: number; francDefault: number }> = {};
  let fOk = 0;
  let fFranc = 0;
  for (const [l, c] of [...perLang].sort()) {
    fixtureAcc[l] = { n: c.n, ours: round(c.ours / c.n), francDefault: round(c.franc / c.n) };
    fOk += c.ours;
    fFranc += c.franc;
  }
  const ours = { dutchAccuracy: round(ok / Math.max(1, dutch.length)), fixtureAccuracy: round(fOk / Math.max(1, fixture.length)) };
  const baseline = ctx.baseline
    ? { dutchAccuracy: round(francDefault / Math.max(1, dutch.length)), dutchAsAfrikaans: round(francAfr / Math.max(1, dutch.length)), dutchAccuracyFrancOnly: round(francOnly / Math.max(1, dutch.length)), fixtureAccuracy: round(fFranc / Math.max(1, fixture.length)) }
    : null;
  return { name, n: dutch.length + fixture.length, ours, baseline, targets: {}, pass: true, details: { dutchRows: dutch.length, fixtureRows: fixture.length, perLanguage: fixtureAcc } };
}

/** Runs every evaluation. `baseline: false` skips natural (faster, for CI). */
export function runNlpEval(options: { baseline?: boolean; lexicons?: Lexicons } = {}): EvalResult[] {
  const ctx: Ctx = { lex: options.lexicons ?? loadLexicons(), baseline: options.baseline === false ? null : createNaturalBaseline() };
  return [evalBolcom(ctx), evalSemeval(ctx), evalZegelaar(ctx), evalHatecheck(ctx), evalTopics(ctx, 'test'), evalLanguage(ctx)];
}

/** Creates the evaluation context (exposed for the CI test and for dev-split tuning scripts). */
export function createEvalContext(options: { baseline?: boolean; lexicons?: Lexicons } = {}): Ctx {
  return { lex: options.lexicons ?? loadLexicons(), baseline: options.baseline === false ? null : createNaturalBaseline() };
}
