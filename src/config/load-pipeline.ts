import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { AREA_CODE_PATTERNS, pipelineSchema } from './pipeline-schema.js';
import type { PipelineConfig, SourceConfig } from './pipeline-schema.js';

/** One problem in one pipeline file, printed as `file: path.to.field: message`. */
export interface ConfigProblem {
  file: string;
  path: string;
  message: string;
}

/** A source whose `url` has been classified and, for local files, resolved to an absolute path. */
export interface ResolvedSource extends SourceConfig {
  pipeline: string;
  location: { kind: 'http'; url: string } | { kind: 'file'; path: string };
}

/** A validated, frozen pipeline. */
export interface LoadedPipeline {
  file: string;
  config: PipelineConfig;
  sources: ResolvedSource[];
}

/** Thrown when one or more pipeline files are invalid; `problems` lists each one. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** Formats a problem the way `wijkradar validate` prints it. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/**
 * Reads and validates pipeline files; returns the loaded pipelines, or throws a ConfigError that
 * lists every problem of every file (so a user fixes them all in one go).
 */
export function loadPipelines(files: string[]): LoadedPipeline[] {
  const loaded: LoadedPipeline[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    const result = checkPipelineFile(file);
    if (result.pipeline) loaded.push(result.pipeline);
    problems.push(...result.problems);
  }
  problems.push(...crossFileProblems(loaded));
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded;
}

/** Validates one pipeline file without throwing: the pipeline when it is valid, and every problem found. */
export function checkPipelineFile(file: string): { pipeline: LoadedPipeline | null; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found; check the path' : String(error);
    return { pipeline: null, problems: [{ file, path: '', message: reason }] };
  }
  return checkPipelineText(text, file);
}

/** Validates pipeline YAML text; `file` names it in messages and anchors relative local paths. */
export function checkPipelineText(text: string, file: string): { pipeline: LoadedPipeline | null; problems: ConfigProblem[] } {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      pipeline: null,
      problems: document.errors.map((error) => ({
        file,
        path: '',
        message: `invalid YAML: ${error.message.split('\n')[0]}; fix the syntax at that line`,
      })),
    };
  }
  const raw: unknown = document.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { pipeline: null, problems: [{ file, path: '', message: 'must be a YAML mapping with name, areas and sources' }] };
  }
  const parsed = pipelineSchema.safeParse(raw);
  if (!parsed.success) {
    return { pipeline: null, problems: parsed.error.issues.map((issue) => zodProblem(file, issue, raw)) };
  }
  const config = parsed.data;
  const problems = semanticProblems(file, config);
  if (problems.length > 0) return { pipeline: null, problems };
  const sources = config.sources.map((source) => ({
    ...source,
    pipeline: config.name,
    location: resolveLocation(source.url, file),
  })) as ResolvedSource[];
  return { pipeline: deepFreeze({ file, config, sources }), problems: [] };
}

function zodProblem(file: string, issue: z.core.$ZodIssue, raw: unknown): ConfigProblem {
  const fieldPath = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return { file, path: fieldPath || '(top level)', message: `unknown key ${keys}: remove it or check its spelling` };
  }
  if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
    return { file, path: fieldPath, message: `is missing; add it (${issue.expected})` };
  }
  if (issue.code === 'invalid_type') {
    return { file, path: fieldPath, message: `must be ${article(issue.expected)}` };
  }
  return { file, path: fieldPath, message: issue.message };
}

function valueAt(root: unknown, at: PropertyKey[]): unknown {
  let value = root;
  for (const key of at) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Checks that zod cannot express: references, uniqueness, levels, local-file permission. */
function semanticProblems(file: string, config: PipelineConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const codes = new Map<string, number>();
  config.areas.forEach((area, index) => {
    if (codes.has(area.code)) {
      problems.push({ file, path: `areas.${index}.code`, message: `${area.code} is listed twice; keep one entry` });
    }
    codes.set(area.code, index);
    if (!AREA_CODE_PATTERNS[area.level].test(area.code)) {
      problems.push({
        file,
        path: `areas.${index}.level`,
        message: `is ${area.level} but ${area.code} is not a ${area.level} code; fix the level or the code`,
      });
    }
  });
  config.areas.forEach((area, index) => {
    if (area.parent && !codes.has(area.parent)) {
      problems.push({
        file,
        path: `areas.${index}.parent`,
        message: `${area.parent} is not defined under areas; add it or remove the parent`,
      });
    }
  });
  config.alerts.subscriptions.forEach((subscription, index) => {
    if (subscription.areas !== 'all') {
      subscription.areas.forEach((code, j) => {
        if (!codes.has(code)) {
          problems.push({ file, path: `alerts.subscriptions.${index}.areas.${j}`, message: `${code} is not defined under areas; add it there first` });
        }
      });
    }
    if (subscription.mode === 'realtime' && !subscription.webhook) {
      problems.push({ file, path: `alerts.subscriptions.${index}.webhook`, message: 'is missing: a realtime subscription needs a webhook URL (or set mode: digest)' });
    }
  });
  const ids = new Set<string>();
  config.sources.forEach((source, index) => {
    const at = `sources.${index}`;
    if (ids.has(source.id)) problems.push({ file, path: `${at}.id`, message: `${source.id} is used twice; ids must be unique` });
    ids.add(source.id);
    if (source.areas === 'auto') {
      if (config.areas.length === 0) {
        problems.push({ file, path: `${at}.areas`, message: 'is auto but the pipeline defines no areas; add areas' });
      }
    } else {
      source.areas.forEach((code, j) => {
        if (!codes.has(code)) {
          problems.push({ file, path: `${at}.areas.${j}`, message: `${code} is not defined under areas; add it there first` });
        }
      });
    }
    const location = resolveLocation(source.url, file);
    if (location.kind === 'file') {
      if (!config.allow_local_files) {
        problems.push({
          file,
          path: `${at}.url`,
          message: `is a local file path; set allow_local_files: true in this pipeline, or use an http(s) URL`,
        });
      } else if (!existsSync(location.path) || !statSync(location.path).isFile()) {
        // A relative path is looked up from the working directory, then from the pipeline file's folder.
        const where = path.isAbsolute(source.url) || /^file:/i.test(source.url) ? location.path : `${path.resolve(source.url)} or ${location.path}`;
        problems.push({ file, path: `${at}.url`, message: `local file ${where} does not exist; check the path` });
      }
    } else if (!/^https?:\/\/[^/]+/i.test(source.url)) {
      problems.push({ file, path: `${at}.url`, message: 'must be an http(s) URL such as https://example.nl/feed.xml' });
    }
  });
  return problems;
}

/**
 * URLs with a scheme are network locations; anything else is a local path, resolved against the current
 * directory when it exists there, else against the pipeline file's folder.
 */
function resolveLocation(url: string, pipelineFile: string): ResolvedSource['location'] {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url)) {
    if (/^file:/i.test(url)) return { kind: 'file', path: new URL(url).pathname };
    return { kind: 'http', url };
  }
  const fromCwd = path.resolve(url);
  if (existsSync(fromCwd)) return { kind: 'file', path: fromCwd };
  return { kind: 'file', path: path.resolve(path.dirname(pipelineFile), url) };
}

function crossFileProblems(pipelines: LoadedPipeline[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const pipeline of pipelines) {
    pipeline.sources.forEach((source, index) => {
      const other = seen.get(source.id);
      if (other && other !== pipeline.file) {
        problems.push({
          file: pipeline.file,
          path: `sources.${index}.id`,
          message: `${source.id} is also a source id in ${other}; source ids must be unique across pipelines`,
        });
      }
      seen.set(source.id, pipeline.file);
    });
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
