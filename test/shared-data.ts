// Tests and benchmarks read the real lists from ../shared/data (an offline mirror of the official
// downloads). When it is missing the test must fail loudly, never pass silently.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The mirror folder: INTERDICT_SHARED_DATA, else ../shared/data beside the checkout. */
export const SHARED_DATA = process.env.INTERDICT_SHARED_DATA ?? resolve(projectRoot, '..', 'shared', 'data');

/** Absolute path of a file in the shared mirror; throws a clear error when it is not there. */
export function sharedData(relative: string): string {
  const path = join(SHARED_DATA, relative);
  if (!existsSync(path)) {
    throw new Error(
      `shared list data missing: ${path} does not exist. These tests read the real lists from ` +
        `../shared/data (or INTERDICT_SHARED_DATA); place the mirror there.`,
    );
  }
  return path;
}
