import type { DigestAlert } from '../../src/alerts/alert-sentence.js';
import type { Alert } from '../../src/alerts/alert-types.js';

/** A hand-made alert; only the fields the sentence reads matter. */
export function makeAlert(over: Partial<DigestAlert> = {}): DigestAlert {
  const alert: Alert = {
    area: 'WK036307',
    topic: 'cybercrime',
    granularity: 'day',
    window_start: '2026-11-27T00:00:00.000Z',
    window_end: '2026-11-28T00:00:00.000Z',
    observed: 9,
    expected: 2.9,
    threshold: 6.8,
    ratio: 9 / 2.9,
    method: 'ears-t',
    p_value: 0.0004,
    baseline_sd: 1.2,
    baseline_values: [2, 3, 4, 2, 3, 3, 3],
    baseline_weights: [1, 1, 1, 1, 1, 1, 1],
    settings: {
      alpha: 0.025, alpha_corrected: 0.0025, bonferroni_m: 10, baseline: 'days', baseline_size: 7, baseline_days: 7, min_count: 3,
      min_mean_for_t: 10, poisson_test: 'conditional', lambda_floor: 0.25, downweight: true, alpha_outlier: 0.0025, k_decay: 4,
      cooldown_hours: 72, refire_factor: 1.5,
    },
  };
  return { ...alert, ...over };
}
