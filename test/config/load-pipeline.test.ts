import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPipelineText, ConfigError, formatProblem, loadPipelines } from '../../src/config/load-pipeline.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-config-'));
writeFileSync(path.join(dir, 'feed.xml'), '<rss version="2.0"><channel><title>t</title></channel></rss>');

const VALID = `
name: test
allow_local_files: true
areas:
  - { code: GM0363, name: Amsterdam, level: gemeente }
  - { code: WK036300, name: Burgwallen-Oude Zijde, level: wijk, parent: GM0363, aliases: [de Wallen] }
sources:
  - id: local
    type: feed
    url: feed.xml
    areas: [WK036300]
  - id: remote
    type: feed
    url: https://example.nl/feed.xml
`;

function problems(yaml: string): string[] {
  return checkPipelineText(yaml, path.join(dir, 'p.yaml')).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('pipeline validation', () => {
  it('accepts a valid pipeline and fills defaults from the schema', () => {
    const { pipeline, problems: found } = checkPipelineText(VALID, path.join(dir, 'p.yaml'));
    expect(found).toEqual([]);
    expect(pipeline!.config.timezone).toBe('Europe/Amsterdam');
    expect(pipeline!.config.schedule).toBe('*/30 * * * *');
    expect(pipeline!.config.retention_days).toBe(180);
    expect(pipeline!.config.allow_private_addresses).toBe(false);
    expect(pipeline!.sources[0]!.location).toEqual({ kind: 'file', path: path.join(dir, 'feed.xml') });
    expect(pipeline!.sources[1]!.location).toEqual({ kind: 'http', url: 'https://example.nl/feed.xml' });
    expect(pipeline!.sources[1]!.areas).toBe('auto');
    expect(pipeline!.sources[1]!.enabled).toBe(true);
    expect(Object.isFrozen(pipeline!.config.sources[0])).toBe(true);
  });

  it.each([
    ['missing name', VALID.replace('name: test\n', ''), /^name: is missing/],
    ['bad schedule', VALID.replace('name: test', 'name: test\nschedule: "every hour"'), /^schedule: is not a valid cron expression/],
    ['bad timezone', VALID.replace('name: test', 'name: test\ntimezone: Mars/Olympus'), /^timezone: is not a known IANA time zone/],
    ['unknown key', VALID.replace('name: test', 'name: test\nscheudle: "* * * * *"'), /^\(top level\): unknown key scheudle/],
    ['bad area code', VALID.replace('code: WK036300', 'code: WIJK1'), /^areas\.1\.code: is not a CBS area code/],
    ['level mismatch', VALID.replace('level: wijk', 'level: buurt'), /^areas\.1\.level: is buurt but WK036300 is not a buurt code/],
    ['unknown parent', VALID.replace('parent: GM0363', 'parent: GM0999'), /^areas\.1\.parent: GM0999 is not defined/],
    ['undefined source area', VALID.replace('areas: [WK036300]', 'areas: [WK036399]'), /^sources\.0\.areas\.0: WK036399 is not defined/],
    ['unknown type', VALID.replace('type: feed\n    url: feed.xml', 'type: twitter\n    url: feed.xml'), /^sources\.0\.type: must be "feed"/],
    ['local file not allowed', VALID.replace('allow_local_files: true\n', ''), /^sources\.0\.url: is a local file path; set allow_local_files: true/],
    // Both places a relative path is looked up: the working directory, then the pipeline file's folder.
    ['missing local file', VALID.replace('url: feed.xml', 'url: nowhere.xml'), /^sources\.0\.url: local file \/.*nowhere\.xml or \/.*nowhere\.xml does not exist/],
    ['missing absolute file', VALID.replace('url: feed.xml', 'url: /no/such/dir/feed.xml'), /^sources\.0\.url: local file \/no\/such\/dir\/feed\.xml does not exist/],
    ['ftp url', VALID.replace('https://example.nl/feed.xml', 'ftp://example.nl/feed.xml'), /^sources\.1\.url: must be an http\(s\) URL/],
    ['duplicate id', VALID.replace('id: remote', 'id: local'), /^sources\.1\.id: local is used twice/],
    ['bad id', VALID.replace('id: remote', 'id: Remote Feed'), /^sources\.1\.id: must be lower-case/],
    ['retention not a number', VALID.replace('name: test', 'name: test\nretention_days: lots'), /^retention_days: must be a number/],
    ['invalid yaml', 'name: [unclosed', /^: invalid YAML/],
  ])('reports %s with the field path', (_label, yaml, expected) => {
    const found = problems(yaml);
    expect(found.some((p) => expected.test(p)), found.join('\n')).toBe(true);
  });

  it('lists every problem of a file at once', () => {
    const yaml = VALID.replace('code: WK036300', 'code: nope').replace('type: feed\n    url: https', 'type: rss\n    url: https');
    expect(problems(yaml).length).toBeGreaterThanOrEqual(2);
  });

  it('throws a ConfigError naming file and field for loadPipelines', () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, VALID.replace('level: wijk', 'level: stad'));
    expect(() => loadPipelines([file])).toThrow(ConfigError);
    try {
      loadPipelines([file]);
    } catch (error) {
      expect((error as ConfigError).message).toContain(`${file}: areas.1.level: must be gemeente, wijk or buurt`);
      expect(formatProblem((error as ConfigError).problems[0]!)).toMatch(/^.*broken\.yaml: areas\.1\.level: /);
    }
  });

  it('rejects the same source id in two pipeline files', () => {
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    writeFileSync(a, VALID);
    writeFileSync(b, VALID.replace('name: test', 'name: other'));
    expect(() => loadPipelines([a, b])).toThrow(/also a source id in/);
  });

  it('reports a missing file', () => {
    expect(() => loadPipelines([path.join(dir, 'missing.yaml')])).toThrow(/missing\.yaml: file not found/);
  });
});
