import { describe, expect, it } from 'vitest';
import { HostBackoffError, HostLimiter, backoffDelay } from '../../src/fetch/host-limiter.js';

/**
 * Virtual time: `sleep` registers a timer, `drive` lets all promise work settle, then jumps to the next timer.
 * Tests run in microseconds and the start times they check are exact.
 */
class FakeClock {
  time = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = { at: this.time + ms, seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal.reason);
      });
    });

  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (let step = 0; step < 100_000; step++) {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('Nothing is scheduled but the work is not done: the limiter is stuck.');
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    throw new Error('The fake clock ran too many steps.');
  }
}

/** Records when each task started and how many ran at once. */
function recorder(clock: FakeClock) {
  const starts: { name: string; at: number }[] = [];
  let running = 0;
  let maxRunning = 0;
  const task =
    (name: string, durationMs = 0, outcome?: () => never) =>
    async (): Promise<string> => {
      starts.push({ name, at: clock.now() });
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        if (durationMs > 0) await clock.sleep(durationMs);
        if (outcome) outcome();
        return name;
      } finally {
        running--;
      }
    };
  return { starts, task, maxRunning: () => maxRunning };
}

class RateLimited extends Error {
  override readonly name = 'RateLimited';
  constructor(readonly retryAfterMs: number) {
    super('The test server asked us to wait.');
  }
}

function setup(options: { concurrency?: number; minIntervalMs?: number; maxWaitMs?: number } = {}) {
  const clock = new FakeClock();
  const limiter = new HostLimiter({ ...options, now: clock.now, sleep: clock.sleep });
  return { clock, limiter, ...recorder(clock) };
}

describe('HostLimiter', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
  ])('runs at most %i task(s) at once per host', async (concurrency, expected) => {
    const { clock, limiter, task, maxRunning } = setup({ concurrency, minIntervalMs: 0 });
    const all = Promise.all(Array.from({ length: 7 }, (_, i) => limiter.run('https://a.nl/feed', task(`t${i}`, 100))));
    expect(await clock.drive(all)).toHaveLength(7);
    expect(maxRunning()).toBe(expected);
  });

  it('defaults to 2 at once and 2000 ms between starts', async () => {
    const { clock, limiter, task, starts, maxRunning } = setup();
    await clock.drive(Promise.all(['a', 'b', 'c', 'd'].map((n) => limiter.run('https://a.nl/feed', task(n, 5000)))));
    expect(maxRunning()).toBe(2);
    // a and b overlap (2 s apart); c waits for a slot (a ends at 5000), d for b (7000).
    expect(starts).toEqual([
      { name: 'a', at: 0 },
      { name: 'b', at: 2000 },
      { name: 'c', at: 5000 },
      { name: 'd', at: 7000 },
    ]);
  });

  it('spaces starts to one host by the minimum interval, in order', async () => {
    const { clock, limiter, task, starts } = setup({ minIntervalMs: 1500 });
    await clock.drive(Promise.all(['a', 'b', 'c', 'd'].map((n) => limiter.run(`https://a.nl/${n}`, task(n)))));
    expect(starts.map((s) => [s.name, s.at])).toEqual([
      ['a', 0],
      ['b', 1500],
      ['c', 3000],
      ['d', 4500],
    ]);
  });

  it('keeps hosts independent (host is the hostname, not the port or path)', async () => {
    const { clock, limiter, task, starts } = setup({ minIntervalMs: 1000 });
    await clock.drive(
      Promise.all([
        limiter.run('https://a.nl/1', task('a1')),
        limiter.run('https://B.nl/1', task('b1')),
        limiter.run('https://a.nl:8443/2', task('a2')),
        limiter.run('https://b.nl/2', task('b2')),
      ]),
    );
    expect(Object.fromEntries(starts.map((s) => [s.name, s.at]))).toEqual({ a1: 0, b1: 0, a2: 1000, b2: 1000 });
  });

  it('leaves a host alone until its Retry-After has passed, then carries on', async () => {
    const { clock, limiter, task, starts } = setup({ concurrency: 1, minIntervalMs: 100 });
    const first = limiter.run('https://a.nl/1', task('limited', 0, () => {
      throw new RateLimited(10_000);
    }));
    const second = limiter.run('https://a.nl/2', task('after'));
    const other = limiter.run('https://b.nl/1', task('other host'));
    await expect(clock.drive(first)).rejects.toBeInstanceOf(RateLimited);
    expect(limiter.blockedUntil('https://a.nl/anything')).toBe(10_000);
    expect(await clock.drive(second)).toBe('after');
    await clock.drive(other);
    expect(Object.fromEntries(starts.map((s) => [s.name, s.at]))).toEqual({ limited: 0, after: 10_000, 'other host': 0 });
    expect(limiter.blockedUntil('https://a.nl/')).toBeNull();
  });

  it('fails at once with HostBackoffError when the host asked for a longer pause than maxWaitMs', async () => {
    const { clock, limiter, task, starts } = setup({ maxWaitMs: 60_000 });
    limiter.deferHost('https://a.nl/', 3_600_000);
    const error = await clock.drive(limiter.run('https://a.nl/feed', task('never')).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(HostBackoffError);
    expect((error as HostBackoffError).name).toBe('HostBackoffError');
    expect((error as HostBackoffError).retryAt).toBe(3_600_000);
    expect((error as HostBackoffError).retryAfterMs).toBe(3_600_000);
    expect((error as HostBackoffError).message).toMatch(/^a\.nl asked not to be contacted until 1970-01-01T01:00:00\.000Z .*\.$/);
    expect(starts).toEqual([]);
    expect(clock.time).toBe(0);
  });

  it('waits out a short deferral', async () => {
    const { clock, limiter, task, starts } = setup();
    limiter.deferHost('https://a.nl/', 30_000);
    await clock.drive(limiter.run('https://a.nl/feed', task('later')));
    expect(starts).toEqual([{ name: 'later', at: 30_000 }]);
  });

  it('runs tasks for non-http URLs (local files) at once', async () => {
    const { clock, limiter, task, starts } = setup({ minIntervalMs: 5000 });
    await clock.drive(Promise.all(['data/a.xml', 'data/b.xml', 'file:///tmp/c.xml'].map((p) => limiter.run(p, task(p)))));
    expect(starts.map((s) => s.at)).toEqual([0, 0, 0]);
  });

  it('drops a queued task whose signal is aborted, without running it', async () => {
    const { clock, limiter, task, starts } = setup({ concurrency: 1, minIntervalMs: 0 });
    const controller = new AbortController();
    const running = limiter.run('https://a.nl/1', task('first', 1000));
    const queued = limiter.run('https://a.nl/2', task('dropped'), { signal: controller.signal });
    controller.abort();
    await expect(clock.drive(queued)).rejects.toThrow();
    await clock.drive(running);
    await clock.drive(limiter.onIdle());
    expect(starts.map((s) => s.name)).toEqual(['first']);
    expect(limiter.pending).toBe(0);
  });

  it('works with the real clock', async () => {
    const limiter = new HostLimiter({ minIntervalMs: 5 });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.run('http://a.nl/', async () => order.push(n))));
    await limiter.onIdle();
    expect(order).toEqual([1, 2, 3]);
  });

  it('keeps order and spacing when the process stalls while a task waits for its turn', async () => {
    // The clock jumps 100 ms while task 1 runs (a stalled event loop): task 3 must still start after
    // task 2, and an interval after it, not at once because its slot has passed.
    let offset = 0;
    const now = () => Date.now() + offset;
    const limiter = new HostLimiter({ minIntervalMs: 20, now });
    const starts: [number, number][] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        limiter.run('http://a.nl/', async () => {
          starts.push([n, now()]);
          if (n === 1) offset += 100;
        }),
      ),
    );
    expect(starts.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(starts[2]![1] - starts[1]![1]).toBeGreaterThanOrEqual(20);
  });

  it('a task aborted while it waits for the task before it leaves at once and frees its slot', async () => {
    const limiter = new HostLimiter({ minIntervalMs: 60_000, concurrency: 3 });
    const order: number[] = [];
    const second = new AbortController();
    const third = new AbortController();
    await limiter.run('http://a.nl/', async () => void order.push(1));
    const t2 = limiter.run('http://a.nl/', async () => void order.push(2), { signal: second.signal });
    const t3 = limiter.run('http://a.nl/', async () => void order.push(3), { signal: third.signal });
    await new Promise((resolve) => setTimeout(resolve, 20)); // 2 sleeps out its interval; 3 waits for 2's turn
    let secondSettled = false;
    void t2.catch(() => undefined).finally(() => (secondSettled = true));
    third.abort(new Error('third stopped'));
    await expect(t3).rejects.toThrow('third stopped');
    await new Promise((resolve) => setImmediate(resolve));
    expect(limiter.pending).toBe(1); // only 2 still waits
    expect(secondSettled).toBe(false);
    second.abort(new Error('second stopped'));
    await expect(t2).rejects.toThrow('second stopped');
    expect(order).toEqual([1]);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => new HostLimiter({ concurrency: 0 })).toThrow(/at least 1/);
  });
});

describe('backoffDelay', () => {
  it.each([
    [0, 1000, 60_000, 0.5, 0],
    [1, 1000, 60_000, 0.5, 500],
    [2, 1000, 60_000, 0.5, 1000],
    [3, 1000, 60_000, 0.5, 2000],
    [3, 1000, 60_000, 0, 0],
    [3, 1000, 60_000, 0.999, 3996],
    [10, 1000, 60_000, 0.5, 30_000],
    [10_000, 1000, 60_000, 0.999, 59_940],
    [-1, 1000, 60_000, 0.5, 0],
  ])('failures=%i base=%i max=%i random=%d → %i', (failures, base, max, random, expected) => {
    expect(backoffDelay(failures, base, max, () => random)).toBe(expected);
  });

  it('stays within [0, ceiling) with Math.random', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, 100, 10_000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
    }
  });
});
