import { readdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';

/** The pipeline files named on the command line, or every pipelines/*.yaml except *.example.yaml. */
export function pipelineFiles(positionals: string[]): string[] {
  if (positionals.length > 0) return positionals;
  let names: string[] = [];
  try {
    names = readdirSync('pipelines').filter((name) => /\.ya?ml$/.test(name) && !/\.example\.ya?ml$/.test(name));
  } catch {
    // handled below
  }
  if (names.length === 0) {
    throw new UserError('No pipeline file given and none found in pipelines/; name one, e.g. wijkradar run pipelines/demo.yaml.');
  }
  return names.sort().map((name) => path.join('pipelines', name));
}
