import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { LexiconDirectoryError, LexiconError, loadLexicons } from '../../src/nlp/index.js';
import { makeLexiconDir } from './lexicon-dir.js';

const VALID = `slug: demo
label: Demo
version: 1
threshold: 1
terms:
  - woord: 1
`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function load(topics: Record<string, string>, sentiment: Record<string, string> = {}) {
  const d = makeLexiconDir(topics, sentiment);
  cleanups.push(d.cleanup);
  return () => loadLexicons(d.dir);
}

function errorOf(fn: () => unknown): LexiconError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LexiconError) return err;
    throw err;
  }
  throw new Error('expected a LexiconError');
}

describe('lexicon validation', () => {
  it('loads a valid file', () => {
    expect(load({ 'demo.yaml': VALID })().version).toContain('demo@1');
  });

  it.each([
    ['missing threshold', VALID.replace('threshold: 1\n', ''), 'threshold'],
    ['negative weight', VALID.replace('woord: 1', 'woord: -2'), 'terms[0]'],
    ['weight not a number', VALID.replace('woord: 1', 'woord: veel'), 'terms[0]'],
    ['version not an integer', VALID.replace('version: 1', 'version: 1.5'), 'version'],
    ['unknown key', VALID + 'weights: 3\n', ''],
    ['rule without all/any', VALID + 'rules:\n  - label: x\n    weight: 1\n', 'rules[0]'],
    ['rule with bad near', VALID + 'rules:\n  - label: x\n    all: [a]\n    near: 0\n    weight: 1\n', 'rules[0].near'],
    ['wildcard in the middle', VALID.replace('woord: 1', '"wo*rd": 1'), 'terms[0]'],
    ['unless_near not a list', VALID.replace('  - woord: 1', '  - term: woord\n    weight: 1\n    unless_near: vakantie'), 'terms[0]'],
    ['an undefined class', VALID + 'rules:\n  - label: x\n    any: ["@kleur"]\n    weight: 1\n', 'rules[0].any[0]'],
    ['a class that refers to itself', VALID + 'classes:\n  kleur: [rood, "@kleur"]\nrules:\n  - label: x\n    any: ["@kleur"]\n    weight: 1\n', 'classes.kleur'],
    ['a bad class name', VALID + 'classes:\n  Kleur: [rood]\n', 'classes'],
    ['an empty class', VALID + 'classes:\n  kleur: []\n', 'classes.kleur'],
    ['negation without negators', VALID + 'rules:\n  - label: x\n    any: [a]\n    negation: cancels\n    weight: 1\n', 'rules[0]'],
    ['an unknown negation mode', VALID + 'rules:\n  - label: x\n    any: [a]\n    negators: [niet]\n    negation: soms\n    weight: 1\n', 'rules[0].negation'],
  ])('rejects %s, naming file and field', (_n, yaml, field) => {
    const err = errorOf(load({ 'demo.yaml': yaml }));
    expect(err.name).toBe('LexiconError');
    expect(err.file).toMatch(/topics[/\\]demo\.yaml$/);
    expect(err.field).toContain(field);
    expect(err.message).toMatch(/demo\.yaml/);
    expect(err.message).toMatch(/\.$/);
  });

  it('rejects YAML syntax errors with a line number', () => {
    const err = errorOf(load({ 'demo.yaml': 'slug: demo\nterms: [a: 1\n' }));
    expect(err.field).toMatch(/^line \d+/);
  });

  it('rejects a slug that differs from the file name', () => {
    const err = errorOf(load({ 'other.yaml': VALID }));
    expect(err.field).toBe('slug');
    expect(err.message).toContain('"other"');
  });

  it('rejects a slug longer than the API accepts', () => {
    const slug = 'a'.repeat(41);
    const err = errorOf(load({ [`${slug}.yaml`]: VALID.replace('slug: demo', `slug: ${slug}`) }));
    expect(err.field).toBe('slug');
    expect(err.message).toContain('at most 40 characters');
  });

  it('rejects a sentiment file with a polarity outside [-1, 1]', () => {
    const err = errorOf(load({ 'demo.yaml': VALID }, { 'emoji.yaml': 'version: 1\nemoji:\n  ":)": 3\n' }));
    expect(err.file).toMatch(/emoji\.yaml$/);
    expect(err.field).toContain('emoji');
  });

  it('rejects a missing sentiment file', () => {
    const d = makeLexiconDir({ 'demo.yaml': VALID });
    cleanups.push(d.cleanup);
    rmSync(path.join(d.dir, 'sentiment', 'en.yaml'));
    expect(errorOf(() => loadLexicons(d.dir)).file).toMatch(/en\.yaml$/);
  });

  it('rejects a lexicon folder that does not exist', () => {
    expect(() => loadLexicons('/nonexistent/lexicons')).toThrow(LexiconDirectoryError);
  });

  it('raises user errors, which the CLI prints as one sentence without a stack trace', () => {
    expect(errorOf(load({ 'other.yaml': VALID }))).toBeInstanceOf(UserError);
    expect(() => loadLexicons('/nonexistent/lexicons')).toThrow(UserError);
  });
});
