import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadLexicons, scorePost, type Lexicons } from '../../src/nlp/index.js';

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons', 'topics', 'hate.yaml');

let lex: Lexicons;
beforeAll(() => {
  lex = loadLexicons();
});
const hate = (text: string) => scorePost(text, lex).topics['hate'] ?? 0;

describe('hate lexicon', () => {
  it('has at least 150 entries (terms + rules + exclusions)', () => {
    const doc = parse(readFileSync(FILE, 'utf8'), { maxAliasCount: 10_000 }) as { terms: unknown[]; rules: unknown[]; exclude: unknown[] };
    expect(doc.terms.length + doc.rules.length + doc.exclude.length).toBeGreaterThanOrEqual(150);
  });

  // Sentences written for this test (not from any dataset).
  it.each([
    ['hostile feeling towards a group', 'Ik haat al die moslims in deze straat'],
    ['dehumanisation', 'Die vluchtelingen zijn gewoon ongedierte'],
    ['dehumanisation with a wildcard predicate', 'Joden zijn kakkerlakken'],
    ['call for violence', 'We moeten alle homo\'s uitroeien'],
    ['denial of belonging', 'Marokkanen horen hier niet thuis, terug naar je eigen land'],
    ['slur on its own', 'Weer zo\'n kutmarokkaan op de scooter'],
    ['discrimination incident', 'Hakenkruis gekalkt op de deur van de synagoge'],
    ['ethnic profiling', 'Weer etnisch profileren bij de controle op het plein'],
    ['leetspeak', 'Ik h44t transgenders'],
    ['spaced letters', 'Ik h a a t gehandicapten'],
    ['a group named by adjective and person noun', 'Die Poolse mannen in de straat zijn echt walgelijk'],
    ['a negated entitlement', 'Asielzoekers verdienen het niet om hier te leven'],
    ['a predicate that contains its own negation', 'Ik kan die Turken echt niet uitstaan'],
    ['a rhetorical negative question', 'Zien jullie niet dat moslims gewoon tuig zijn?'],
    ['a threat with a separable verb', 'Ik schiet elke homo neer die ik tegenkom'],
    ['a threat in the passive', 'Al die Roma moeten worden opgeknoopt'],
    ['a typo with swapped letters', 'Transgenders zijn wlagelijk'],
    ['an attack on a place of worship', 'Brandbom gegooid naar de moskee in Oost'],
  ])('fires on %s', (_n, text) => {
    expect(hate(text)).toBeGreaterThan(0);
  });

  it.each([
    ['neutral mention of a group', 'De moskee organiseert zaterdag een open dag voor de buurt'],
    ['positive mention of a group', 'Ik ben trots op de vrouwen van ons voetbalteam'],
    ['hostility towards a non-protected group', 'Ik haat die fietsendieven'],
    ['hostility towards an object', 'Ik haat maandagen en files'],
    ['negated', 'Ik haat moslims niet, integendeel'],
    ['counter-speech quoting hate', 'Wie zegt dat vluchtelingen ongedierte zijn, moet zich schamen'],
    ['news about refugees', 'Het azc opent volgende maand, vluchtelingen worden welkom geheten'],
    ['holiday flights', 'Goedkope vluchten naar Turkije deze zomer'],
    ['prostitution news', 'De gemeente wil de raamprostitutie verplaatsen, een hoer vertelt haar verhaal'],
    ['negation after the object', 'Ik verafschuw Surinamers helemaal niet'],
    ['a denied dehumanisation', 'Vluchtelingen zijn geen ratten, het zijn mensen'],
    ['a quoted slur rejected', 'Je moet ophouden mensen flikkers te noemen'],
    ['an ambiguous slur without abusive context', 'Die pot met soep staat nog op het fornuis'],
    ['refugees in the news', 'Vluchtelingen verdrinken nog steeds op de Middellandse Zee'],
    ['one named person, not a group', 'Mijn vrouw vertrouwt de nieuwe buurman niet'],
    ['a nuisance report that mentions a group', 'Bij de arbeidsmigranten naast ons ligt afval in de tuin'],
    ['hostility towards a non-protected group', 'Die hooligans zijn echte beesten'],
  ])('does not fire on %s', (_n, text) => {
    expect(hate(text)).toBe(0);
  });

  it('explains a rule hit with the rule label and the span', () => {
    const text = 'Ik haat al die moslims';
    const m = scorePost(text, lex).matches.find((x) => x.topic === 'hate');
    expect(m?.term).toBe('haat tegen een groep');
    expect(text.slice(m!.start, m!.end)).toBe(m!.text);
  });
});
