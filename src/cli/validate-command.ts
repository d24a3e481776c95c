import { checkPipelineFile, formatProblem, loadPipelines, ConfigError } from '../config/load-pipeline.js';
import { parseCommandArgs } from './cli-args.js';
import { pipelineFiles } from './pipeline-files.js';

const USAGE = 'wijkradar validate [PIPELINE.yaml …]';

/** `wijkradar validate`: prints every problem as `file: path.to.field: message`; exit 1 when any. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {}, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\nChecks pipeline files (default: pipelines/*.yaml) and prints every problem.\n`);
    return 0;
  }
  const files = pipelineFiles(positionals);
  const problems = files.flatMap((file) => checkPipelineFile(file).problems);
  if (problems.length === 0) {
    try {
      loadPipelines(files); // cross-file checks (duplicate source ids)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  for (const problem of problems) process.stderr.write(formatProblem(problem) + '\n');
  if (problems.length > 0) {
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}.\n`);
    return 1;
  }
  process.stdout.write(`${files.length} pipeline file${files.length === 1 ? '' : 's'} valid: ${files.join(', ')}\n`);
  return 0;
}
