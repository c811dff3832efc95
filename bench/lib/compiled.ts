// The compiled build (dist/), which `npx interdict` runs: benchmarks measure it, rebuilt first so
// it matches the sources. (bench/lib holds helpers; run-all only runs the scripts in bench/.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Compile src/ into dist/ (tsc -p tsconfig.build.json); throws when it fails. */
export function buildDist(): void {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building dist/ (tsc -p tsconfig.build.json) failed');
}

/** Import the compiled twin of a module under src/ ("matching/screener.js" -> dist/matching/screener.js). */
export async function importCompiled<T>(modulePath: string): Promise<T> {
  return (await import(pathToFileURL(join(PROJECT_ROOT, 'dist', modulePath)).href)) as T;
}
