// Scoring of the labelled locate sentences, shared by the test and the benchmark.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AreaRecord } from '../../src/areas/area-types.js';
import { expandToAncestors } from '../../src/areas/resolve-areas.js';

/** One labelled sentence. */
export interface LabelledSentence {
  id: string;
  text: string;
  municipality: string | null;
  expected: string[];
}

/** Precision and recall over all sentences, and the sentences that went wrong. */
export interface LocateScore {
  sentences: number;
  predicted: number;
  correctPredictions: number;
  expected: number;
  foundExpected: number;
  precision: number;
  recall: number;
  /** Share of sentences whose predictions were all correct and whose expected codes were all found. */
  exactSentences: number;
  failures: { id: string; text: string; expected: string[]; predicted: string[]; wrong: string[]; missed: string[] }[];
}

/** The labelled sentences in test/fixtures/areas/locate-sentences.jsonl. */
export function loadLabelledSentences(): LabelledSentence[] {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/areas/locate-sentences.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledSentence);
}

/**
 * Scores predictions against labels, per code, at the level each code was labelled:
 * - a predicted code is correct when it equals an expected code, lies inside one (a buurt predicted
 *   for a labelled wijk) or contains one (the gemeente predicted for a labelled buurt: true but coarse);
 *   any prediction for a sentence labelled [] is wrong;
 * - an expected code is found when some prediction equals it or lies inside it (so a coarser
 *   prediction does not count as finding a buurt or wijk).
 * Precision = correct predictions / predictions; recall = found expected codes / expected codes.
 */
export function scoreLocate(
  sentences: readonly LabelledSentence[],
  predict: (sentence: LabelledSentence) => string[],
  areasByCode: ReadonlyMap<string, AreaRecord>,
): LocateScore {
  const score: LocateScore = {
    sentences: sentences.length,
    predicted: 0,
    correctPredictions: 0,
    expected: 0,
    foundExpected: 0,
    precision: 0,
    recall: 0,
    exactSentences: 0,
    failures: [],
  };
  let exact = 0;
  for (const sentence of sentences) {
    const predicted = predict(sentence);
    const expected = sentence.expected;
    const lineage = (code: string) => expandToAncestors([code], areasByCode);
    const wrong = predicted.filter(
      (p) => !expected.some((e) => lineage(e).includes(p) || lineage(p).includes(e)),
    );
    const missed = expected.filter((e) => !predicted.some((p) => lineage(p).includes(e)));
    score.predicted += predicted.length;
    score.correctPredictions += predicted.length - wrong.length;
    score.expected += expected.length;
    score.foundExpected += expected.length - missed.length;
    if (wrong.length === 0 && missed.length === 0) exact++;
    else score.failures.push({ id: sentence.id, text: sentence.text, expected, predicted, wrong, missed });
  }
  score.precision = score.predicted === 0 ? 1 : score.correctPredictions / score.predicted;
  score.recall = score.expected === 0 ? 1 : score.foundExpected / score.expected;
  score.exactSentences = sentences.length === 0 ? 1 : exact / sentences.length;
  return score;
}
