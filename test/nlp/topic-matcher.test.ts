import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLexicons, scorePost, type Lexicons } from '../../src/nlp/index.js';
import { makeLexiconDir } from './lexicon-dir.js';

// Small lexicons written for these tests, in the shared topic format.
const CYBER = `
slug: cybercrime
label: Cybercrime
version: 3
threshold: 1.5
terms:
  - phishing: 2
  - nep-sms: 2
  - vriend in nood: 2
  - "oplicht*": 1
  - "*fraude": 1.5
  - fraude: 1
  - term: hoi mam
    weight: 2
    unless_near: [verjaardag]
rules:
  - label: bank + link
    all: [bank, "link*"]
    any: [sms, whatsapp, mail]
    none: [vakantie]
    near: 6
    weight: 2
`;
const SAFETY = `
slug: safety
label: Veiligheid
version: 1
threshold: 2
terms:
  - aanslag: 2
  - "*aanslag": 2
  - bom: 2
  - "bom*": 2
  - explosief: 2
exclude:
  - belastingaanslag
  - bommetje
  - bommetje in het zwembad
`;
const MIGRATION = `
slug: migration
label: Migratie
version: 2
threshold: 1
terms:
  - vluchtelingen: 1
  - term: vluchten
    weight: 1
    unless_near: [vakantie, spanje, "ticket*", vliegveld, schiphol]
  - azc: 1
`;

let lex: Lexicons;
let cleanup: () => void;
beforeAll(() => {
  const d = makeLexiconDir({ 'cybercrime.yaml': CYBER, 'safety.yaml': SAFETY, 'migration.yaml': MIGRATION });
  cleanup = d.cleanup;
  lex = loadLexicons(d.dir);
});
afterAll(() => cleanup());

const topics = (text: string) => scorePost(text, lex).topics;
const terms = (text: string, topic: string) => scorePost(text, lex).matches.filter((m) => m.topic === topic).map((m) => m.term);

describe('topic matcher', () => {
  it.each([
    ['single token', 'Weer een phishing mail vandaag', 'cybercrime', ['phishing']],
    ['hyphenated entry matches the hyphenated form', 'Pas op voor deze nep-sms', 'cybercrime', ['nep-sms']],
    ['hyphenated entry matches the joined form', 'Pas op voor deze nepsms', 'cybercrime', ['nep-sms']],
    ['hyphenated entry matches the split form', 'Pas op voor deze nep sms', 'cybercrime', ['nep-sms']],
    ['phrase', 'Klassieke vriend in nood fraude', 'cybercrime', ['vriend in nood', 'fraude']],
    ['prefix and suffix wildcards', 'Opgelet: oplichters, ook bankfraude', 'cybercrime', ['oplicht*', '*fraude']],
    ['suffix wildcard for compounds', 'Helpdeskfraude bij ouderen', 'cybercrime', ['*fraude']],
    ['hashtag parts', 'Let op #WhatsAppFraude #phishing', 'cybercrime', ['fraude', 'phishing']],
  ])('%s', (_n, text, topic, want) => {
    const got = terms(text, topic);
    for (const w of want) expect(got).toContain(w);
    expect(topics(text)[topic]).toBeGreaterThan(0);
  });

  it.each([
    ['"belastingaanslag" is not an attack', 'De belastingaanslag viel hoger uit dan verwacht'],
    ['"bommetje" in a pool is not a bomb', 'De kinderen deden een bommetje in het zwembad'],
    ['"vluchten naar Spanje" are not refugees', 'Goedkope vluchten naar Spanje deze zomer'],
    ['"vluchten" near a ticket word are not refugees', 'Alle vluchten vanaf Schiphol vertraagd'],
  ])('exclusions: %s', (_n, text) => {
    expect(topics(text)).toEqual({});
  });

  it('still matches the real thing next to an exclusion', () => {
    expect(topics('Bom gevonden bij het station')['safety']).toBeGreaterThan(0);
    expect(topics('Aanslag op het gemeentehuis')['safety']).toBeGreaterThan(0);
    expect(topics('Mensen vluchten voor het geweld')['migration']).toBeGreaterThan(0);
  });

  it('counts a term once however often it occurs', () => {
    const once = topics('phishing')['cybercrime']!;
    const many = topics('phishing phishing phishing phishing')['cybercrime']!;
    expect(many).toBe(once);
  });

  it('lets the longest match win and does not double count exact and wildcard on one token', () => {
    // "fraude" matches the exact entry (1) and "*fraude" (1.5): only one counts, the exact one.
    const m = scorePost('fraude en phishing', lex).matches.filter((x) => x.topic === 'cybercrime');
    expect(m.map((x) => x.term)).toEqual(['fraude', 'phishing']);
    expect(topics('fraude en phishing')['cybercrime']).toBeCloseTo(1 - Math.exp(-3 / 1.5), 3);
    // Alone, "fraude" (1) stays below the threshold (1.5): no score and no explanation.
    expect(topics('fraude')['cybercrime']).toBeUndefined();
  });

  it('is 0 below the threshold and monotonic above it, bounded below 1', () => {
    expect(topics('oplichters')['cybercrime']).toBeUndefined(); // 1 < 1.5
    const a = topics('phishing')['cybercrime']!;
    const b = topics('phishing en een nep-sms')['cybercrime']!;
    const c = topics('phishing en een nep-sms, vriend in nood, oplichters')['cybercrime']!;
    expect(a).toBeCloseTo(1 - Math.exp(-2 / 1.5), 3);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(c).toBeLessThan(1);
  });

  describe('rules', () => {
    it('all + any within near holds', () => {
      const res = scorePost('Sms van de bank met een linkje erin', lex);
      expect(res.matches.find((m) => m.term === 'bank + link')).toBeDefined();
      expect(res.topics['cybercrime']).toBeGreaterThan(0);
    });
    it('fails without an any item', () => {
      expect(terms('De bank stuurde een link', 'cybercrime')).not.toContain('bank + link');
    });
    it('fails with a none item anywhere', () => {
      expect(terms('Sms van de bank met een link over je vakantie', 'cybercrime')).not.toContain('bank + link');
    });
    it('fails when the items lie further apart than near', () => {
      expect(terms('Sms van de bank, en dan heel veel andere woorden hier tussen, daarna pas een link', 'cybercrime')).not.toContain('bank + link');
    });
  });

  it('unless_near cancels a term only within 8 tokens', () => {
    expect(terms('Hoi mam, dit is mijn nieuwe nummer', 'cybercrime')).toContain('hoi mam');
    expect(terms('Hoi mam, gefeliciteerd met je verjaardag', 'cybercrime')).not.toContain('hoi mam');
  });

  it('reports surface text and UTF-16 offsets into the original text', () => {
    const text = '😀 Opgelet: NEP-SMS én Phishing!';
    const ms = scorePost(text, lex).matches.filter((m) => m.kind === 'topic');
    expect(ms.length).toBe(2);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(ms.map((m) => m.text)).toEqual(['NEP-SMS', 'Phishing']);
  });

  it('puts every topic version in lexiconVersion', () => {
    expect(lex.version).toContain('cybercrime@3');
    expect(lex.version).toContain('migration@2');
    expect(lex.version).toMatch(/^sentiment-nl@\d+;sentiment-en@\d+;emoji@\d+;/);
  });
});

// Word classes, scoped negation, typo tolerance and the fan-out index, on a lexicon written for these tests.
const CLASSES = `
slug: demo
label: Demo
version: 1
threshold: 2
classes:
  groep: [katten, honden, olifanten, "@kleur @dier"]
  kleur: [rode, blauwe]
  dier: [vissen, vogels]
  hekel: [haat, haten, hekel aan, niet uitstaan, "zijn @slecht"]
  slecht: [vies, stom, lelijk, eng, gemeen, raar]
  positief: [welkom, te vertrouwen]
  negatie: [niet, nooit, geen]
terms:
  - dummy: 1
rules:
  - { label: hekel, all: ["@groep"], any: ["@hekel"], negators: ["@negatie"], negation: cancels, near: 6, weight: 2 }
  - { label: ontzegging, all: ["@groep"], any: ["@positief"], negators: ["@negatie"], negation: required, near: 6, weight: 2 }
`;

describe('word classes and scoped negation', () => {
  let demo: Lexicons;
  let done: () => void;
  beforeAll(() => {
    const d = makeLexiconDir({ 'demo.yaml': CLASSES });
    done = d.cleanup;
    demo = loadLexicons(d.dir);
  });
  afterAll(() => done());
  const fires = (text: string) => (scorePost(text, demo).topics['demo'] ?? 0) > 0;

  it.each([
    ['a class word', 'Ik haat katten.'],
    ['a phrase built from two classes', 'Ik heb een hekel aan rode vissen.'],
    ['a negator in another clause', 'Ik haat honden, niet katten.'],
    ['a negator that is part of the predicate', 'Ik kan katten niet uitstaan.'],
    ['a negative question (rhetorical)', 'Is het niet duidelijk dat ik katten haat?'],
    ['a negator farther than the window', 'Het is niet zo raar dat ik nu al die katten haat.'],
    ['a required negation', 'Katten zijn hier niet welkom.'],
    ['a swapped letter in a class word', 'Ik haat hodnen.'],
    ['a dropped inner letter in a long class word', 'Ik haat olfanten.'],
    ['a swapped letter in the second word of a phrase', 'Ik haat rode vgoels.'],
    ['a fanned-out phrase', 'Katten zijn gemeen.'],
    ['a fanned-out phrase with a typo in its second word', 'Katten zijn leljik.'],
  ])('fires on %s', (_n, text) => {
    expect(fires(text)).toBe(true);
  });

  it.each([
    ['a class phrase with another second word', 'Ik haat rode auto\'s.'],
    ['a negated predicate after the object', 'Ik haat katten niet.'],
    ['a negator right before the predicate', 'Ik zal katten nooit haten.'],
    ['a negator after the predicate in the same clause', 'Katten? Die haat ik echt nooit.'],
    ['a positive predicate without negation', 'Katten zijn hier welkom.'],
    ['a fanned-out first word with another second word', 'Katten zijn lief.'],
    ['a changed first letter (another word, not a typo)', 'Ik haat lonnen en sonden.'],
    ['a dropped letter in a short word', 'Ik haat hoden.'],
  ])('does not fire on %s', (_n, text) => {
    expect(fires(text)).toBe(false);
  });

  it('explains a rule hit with the rule label and the matched span', () => {
    const text = 'Ik heb een hekel aan blauwe vogels';
    const m = scorePost(text, demo).matches.find((x) => x.topic === 'demo');
    expect(m?.term).toBe('hekel');
    expect(m?.text).toBe('hekel aan blauwe vogels');
    expect(text.slice(m!.start, m!.end)).toBe(m!.text);
  });
});
