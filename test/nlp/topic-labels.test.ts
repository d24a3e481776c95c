import { describe, expect, it } from 'vitest';
import { readTopicLabels } from '../../src/nlp/topic-labels.js';
import { makeLexiconDir } from './lexicon-dir.js';

describe('readTopicLabels', () => {
  it('reads the label of every shipped topic file', () => {
    const labels = readTopicLabels();
    expect(Object.keys(labels).sort()).toEqual(
      ['cybercrime', 'events_tourism', 'hate', 'migration', 'nuisance', 'radicalisation', 'social_domain', 'subversive_crime'].sort(),
    );
    expect(labels.nuisance).toBe('Overlast');
  });

  it('lists a topic added by a file and leaves out files it cannot read', () => {
    const { dir, cleanup } = makeLexiconDir({
      'openbaar_groen.yaml': 'slug: openbaar_groen\nlabel: Openbaar groen\nversion: 1\nthreshold: 2\nterms:\n  - bomenkap: 2\n',
      'kapot.yaml': 'slug: kapot\nlabel: [niet af\n',
      'zonder.yaml': 'slug: zonder\nversion: 1\n',
    });
    try {
      expect(readTopicLabels(dir)).toEqual({ openbaar_groen: 'Openbaar groen' });
    } finally {
      cleanup();
    }
  });
});
