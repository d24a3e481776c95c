import { FeedParseError } from './feed-types.js';

/** Default time a single parse may take before it is abandoned. */
export const DEFAULT_TIME_BUDGET_MS = 2000;

// Reading the clock on every token would cost more than the tokens; every 256th step is plenty.
const CHECK_EVERY = 256;

/**
 * A deadline checked cheaply from hot loops, so that a hostile or broken document ends in a clear
 * error instead of a frozen collector.
 */
export class TimeBudget {
  private readonly startedAt: number;
  private readonly deadline: number;
  private steps = 0;

  constructor(readonly budgetMs: number = DEFAULT_TIME_BUDGET_MS) {
    this.startedAt = performance.now();
    this.deadline = this.startedAt + budgetMs;
  }

  /** Counts one unit of work and throws a FeedParseError when the deadline has passed. */
  tick(): void {
    if (++this.steps % CHECK_EVERY === 0) this.check();
  }

  /** Throws a FeedParseError when the deadline has passed. */
  check(): void {
    const now = performance.now();
    if (now > this.deadline) {
      throw new FeedParseError(
        'time-budget',
        `Parsing the feed took longer than ${this.budgetMs} ms and was stopped; the document is probably ` +
          'malformed or far too large: lower the source\'s max_bytes, or report the feed to its publisher.',
      );
    }
  }
}
