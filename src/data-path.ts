// Where the project's knowledge files (data/) live, from both src/ (tsx) and dist/ (compiled).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root: one level above src/ or dist/. */
export const PACKAGE_ROOT = join(here, '..');

export function dataPath(relative: string): string {
  return join(PACKAGE_ROOT, 'data', relative);
}
