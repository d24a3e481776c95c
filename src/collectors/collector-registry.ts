import { UserError } from '../errors/user-error.js';
import type { CollectorSpec } from './collector-contract.js';
import { feedCollector } from './feed/feed-collector.js';

/** Every collector type wijkradar knows, listed explicitly: importing a module registers nothing. */
export const collectorSpecs: ReadonlyMap<string, CollectorSpec<any>> = new Map([[feedCollector.type, feedCollector]]);

/** The spec for a source type, or a UserError naming the types that exist. */
export function collectorSpecFor(type: string): CollectorSpec<any> {
  const spec = collectorSpecs.get(type);
  if (!spec) {
    throw new UserError(`There is no collector of type "${type}"; use one of: ${[...collectorSpecs.keys()].join(', ')}.`);
  }
  return spec;
}
