import { beforeAll, describe, expect, it } from 'vitest';
import { levelOfCode } from '../../src/areas/area-codes.js';
import { buildGazetteer } from '../../src/areas/gazetteer.js';
import type { Gazetteer } from '../../src/areas/gazetteer.js';
import { resolveAreas } from '../../src/areas/resolve-areas.js';
import { loadLabelledSentences, scoreLocate } from './locate-score.js';
import { loadAmsterdamGazetteerInput, missingSharedGeo } from './shared-geo.js';

const sentences = loadLabelledSentences();

describe('locate-sentences.jsonl (the labelled set itself)', () => {
  it('holds at least 200 well-formed sentences with unique ids', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(200);
    expect(new Set(sentences.map((sentence) => sentence.id)).size).toBe(sentences.length);
    for (const sentence of sentences) {
      expect(sentence.text.length).toBeGreaterThan(0);
      expect(sentence.municipality === null || typeof sentence.municipality === 'string').toBe(true);
      for (const code of sentence.expected) expect(levelOfCode(code), `${sentence.id}: ${code}`).not.toBeNull();
    }
  });

  it('covers places, postcodes, streets, ambiguous words and sentences without a place', () => {
    const empty = sentences.filter((sentence) => sentence.expected.length === 0).length;
    expect(empty).toBeGreaterThanOrEqual(40);
    expect(sentences.filter((sentence) => /\b[1-9]\d{3} ?[A-Z]{2}\b/.test(sentence.text)).length).toBeGreaterThanOrEqual(15);
    expect(sentences.filter((sentence) => sentence.municipality !== 'Amsterdam').length).toBeGreaterThanOrEqual(15);
  });
});

const missing = missingSharedGeo(['amsterdamBuurten', 'amsterdamWijken', 'amsterdamPostcodes', 'pc4Gemeente', 'streets', 'woonplaatsen']);
if (missing) console.warn(`[areas] skipping the labelled locate evaluation: ${missing}.`);

describe.skipIf(missing !== null)('labelled locate sentences against the Amsterdam gazetteer (../shared/geo)', () => {
  // Loaded in beforeAll: a skipped suite still runs its body to collect tests, but not its hooks.
  let gazetteer: Gazetteer;
  beforeAll(async () => {
    gazetteer = buildGazetteer(await loadAmsterdamGazetteerInput());
  });

  it('labels only codes that exist in the gazetteer', () => {
    const unknown = sentences.flatMap((sentence) => sentence.expected).filter((code) => !gazetteer.areasByCode.has(code));
    expect(unknown).toEqual([]);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.85 per code, at the level labelled', () => {
    const score = scoreLocate(
      sentences,
      (sentence) => resolveAreas({ text: sentence.text, municipality: sentence.municipality }, gazetteer).map((result) => result.code),
      gazetteer.areasByCode,
    );
    console.log(
      `[areas] locate: ${score.sentences} sentences, precision ${score.precision.toFixed(3)} (${score.correctPredictions}/${score.predicted} predicted codes), ` +
        `recall ${score.recall.toFixed(3)} (${score.foundExpected}/${score.expected} expected codes), ` +
        `${(score.exactSentences * 100).toFixed(1)} % of sentences exactly right`,
    );
    for (const failure of score.failures) {
      console.log(`[areas]   ${failure.id} ${failure.text}  wrong: ${failure.wrong.join(',') || '-'}  missed: ${failure.missed.join(',') || '-'}`);
    }
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.85);
  });
});
