/**
 * The next polling interval of a source (adaptive polling, as feed readers like Miniflux do): when little
 * of what a source sends is new, wait longer (×1.5); when most is new, come back sooner (÷2); always
 * within [minSeconds, maxSeconds]. A not-modified answer counts as nothing new.
 * @example nextPollInterval(1800, { items: 50, newItems: 0 }, 1800, 21600) // 2700
 */
export function nextPollInterval(
  currentSeconds: number | null,
  outcome: { items: number; newItems: number; notModified?: boolean },
  minSeconds: number,
  maxSeconds: number,
): number {
  const current = currentSeconds ?? minSeconds;
  const share = outcome.notModified || outcome.items === 0 ? 0 : outcome.newItems / outcome.items;
  let next = current;
  if (share < 0.1) next = current * 1.5;
  else if (share > 0.5) next = current / 2;
  return Math.round(Math.min(maxSeconds, Math.max(minSeconds, next)));
}

/** True when a scheduled tick should poll: enough time has passed since the last attempt. */
export function isDue(lastAttemptIso: string | null, intervalSeconds: number | null, now: Date): boolean {
  if (!lastAttemptIso || !intervalSeconds) return true;
  // A little slack, so a tick that comes a few seconds early is not skipped for a whole period.
  return now.getTime() - Date.parse(lastAttemptIso) >= intervalSeconds * 1000 * 0.95;
}
