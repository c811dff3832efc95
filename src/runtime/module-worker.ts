// Starting a worker thread on one of our own modules, from src/ (run through tsx: tests,
// benchmarks) or from dist/ (the compiled CLI).
import { Worker } from 'node:worker_threads';

/** The URL of a sibling module `name` (without extension) of the module at `from`, as .ts or .js. */
export function siblingModule(from: string, name: string): URL {
  const ext = from.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./${name}.${ext}`, from);
}

export function startModuleWorker(url: URL, workerData: unknown): Worker {
  // Under tsx a worker thread needs the TypeScript loader registered in it too.
  return url.pathname.endsWith('.ts')
    ? new Worker(
        `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })()`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });
}
