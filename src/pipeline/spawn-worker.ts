import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `name` next to the calling module (`callerUrl`, its
 * import.meta.url). Run from source (tsx, vitest), a worker does not inherit tsx's loader, so it is
 * registered first; it is resolved here, because the worker's own base is the working directory.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, callerUrl);
  if (!fromSource) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { eval: true, workerData });
}
