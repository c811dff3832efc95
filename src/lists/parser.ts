// The contract every list-format parser implements: files in, domain entities out.
import type { ParsedList } from '../domain/list.js';

/**
 * The files of one download set. `main` is always present; the OFAC legacy CSV set may add `add`
 * (addresses), `alt` (aliases) and `comments` (remarks overflow). Any file may be gzipped.
 */
export interface SourceFiles {
  main: string;
  add?: string;
  alt?: string;
  comments?: string;
}

export interface ParseOptions {
  /** Source registry id the entities are stored under (entity ids are `source:sourceId`). */
  source: string;
}

/**
 * Parse one download set. Must stream large files. Throws ListParseError (file, place, cause) on
 * truncated or malformed input; recoverable oddities go to `warnings`.
 */
export type ListParser = (files: SourceFiles, options: ParseOptions) => Promise<ParsedList>;
