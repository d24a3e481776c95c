// Runs the NLP evaluation core in CI and fails below the targets of the issue. Dataset-based parts
// skip when ../shared/datasets is missing; the topic set is ours and always runs when present.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, TOPIC_FIXTURES_DIR } from '../../eval/datasets.js';
import { createEvalContext, evalBolcom, evalHatecheck, evalLanguage, evalSemeval, evalTopics, evalZegelaar, TARGETS } from '../../eval/nlp-eval.js';

const haveData = existsSync(DATASETS_DIR);
const haveTopics = existsSync(path.join(TOPIC_FIXTURES_DIR, 'topic-test.jsonl'));
if (!haveData) console.warn(`Skipping dataset evaluations: ${DATASETS_DIR} is missing (place the shared datasets next to the repository to run them).`);

let ctx: ReturnType<typeof createEvalContext>;
beforeAll(() => {
  ctx = createEvalContext({ baseline: false });
});

describe('NLP evaluation (held-out rows)', () => {
  it.skipIf(!haveData)('bol.com book reviews: accuracy and coverage', () => {
    const r = evalBolcom(ctx);
    expect(r.skipped).toBeUndefined();
    expect(r.n).toBeGreaterThan(1000);
    expect(r.ours.coverage).toBeGreaterThanOrEqual(TARGETS.bolcomCoverage);
    expect(r.ours.accuracy).toBeGreaterThanOrEqual(TARGETS.bolcomAccuracy);
  });

  it.skipIf(!haveData)('SemEval-2016 restaurant sentences: accuracy', () => {
    const r = evalSemeval(ctx);
    expect(r.n).toBeGreaterThan(300);
    expect(r.ours.accuracy).toBeGreaterThanOrEqual(TARGETS.semevalAccuracy);
  });

  it.skipIf(!haveData)('Zegelaar political tweets: 3-class macro-F1', () => {
    const r = evalZegelaar(ctx);
    expect(r.n).toBe(198);
    expect(r.ours.macroF1).toBeGreaterThanOrEqual(TARGETS.zegelaarMacroF1);
  });

  it.skipIf(!haveData)('HateCheck-NL: hate topic macro-F1', () => {
    const r = evalHatecheck(ctx);
    expect(r.n).toBeGreaterThan(1500);
    expect(r.ours.macroF1).toBeGreaterThanOrEqual(TARGETS.hatecheckMacroF1);
  });

  it.skipIf(!haveTopics)('topic test set: micro precision/recall and per-topic precision', () => {
    const r = evalTopics(ctx, 'test');
    expect(r.skipped).toBeUndefined();
    expect(r.ours.microPrecision).toBeGreaterThanOrEqual(TARGETS.topicMicroPrecision);
    expect(r.ours.microRecall).toBeGreaterThanOrEqual(TARGETS.topicMicroRecall);
    expect(r.ours.minTopicPrecision).toBeGreaterThanOrEqual(TARGETS.topicMinPrecision);
  });

  it('language identification on our short multilingual sentences', () => {
    const r = evalLanguage(ctx);
    expect(r.ours.fixtureAccuracy).toBeGreaterThanOrEqual(0.9);
    if (haveData) expect(r.ours.dutchAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
