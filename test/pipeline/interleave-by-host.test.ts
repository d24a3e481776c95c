import { describe, expect, it } from 'vitest';
import type { ResolvedSource } from '../../src/config/load-pipeline.js';
import { interleaveByHost } from '../../src/pipeline/run-once.js';

function source(id: string, url: string): { source: ResolvedSource } {
  const location = url.startsWith('http') ? ({ kind: 'http', url } as const) : ({ kind: 'file', path: url } as const);
  return { source: { id, url, location } as unknown as ResolvedSource };
}

describe('interleaveByHost', () => {
  it('takes one source per host in turn, keeping each host’s order', () => {
    const items = [
      source('a1', 'https://a.nl/1'),
      source('a2', 'https://a.nl/2'),
      source('a3', 'https://a.nl/3'),
      source('b1', 'https://b.nl/1'),
      source('f1', '/data/x.xml'),
      source('b2', 'https://b.nl/2'),
    ];
    expect(interleaveByHost(items).map((i) => i.source.id)).toEqual(['a1', 'b1', 'f1', 'a2', 'b2', 'a3']);
  });

  it('treats another port as another host and keeps every item', () => {
    const items = [source('x', 'http://127.0.0.1:8000/a'), source('y', 'http://127.0.0.1:8000/b'), source('z', 'http://127.0.0.1:9000/a')];
    expect(interleaveByHost(items).map((i) => i.source.id)).toEqual(['x', 'z', 'y']);
    expect(interleaveByHost([])).toEqual([]);
  });
});
