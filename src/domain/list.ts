// What a loaded list is: one version of one source, with the entities and relations parsed from
// the publisher's own files.
import type { Entity, Relation } from './entity.js';

/** A problem a parser recovered from (a skipped row, an unknown field value ...). */
export interface ParseWarning {
  file: string;
  /** Line (CSV/text) or element path (XML) where it happened. */
  at?: string;
  message: string;
}

/** Output of one parser run over one source's files. */
export interface ParsedList {
  entities: Entity[];
  relations: Relation[];
  /** Publication date/time read from the file itself, ISO 8601, when the file has one. */
  publishedAt?: string;
  warnings: ParseWarning[];
  /**
   * Records in the publisher's file when they are not one per entity (the US CSL repeats a party
   * once per sub-list it is on). Absent when every record is one entity.
   */
  records?: number;
}

export interface ListFileRecord {
  /** Role of the file in the set ('main', 'add', 'alt', 'comments' ...). */
  role: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** Metadata of one stored version of a source. */
export interface ListVersionInfo {
  source: string;
  /** Version id: first 16 hex digits of the content hash. */
  version: string;
  /** SHA-256 over the files' own hashes in role order. */
  sha256: string;
  format: string;
  /** Publication date of the list: read from the file, given by the user, or the file's date. */
  publishedAt?: string;
  /** Where publishedAt came from. */
  publishedAtSource?: 'file' | 'user' | 'file-name' | 'registry';
  loadedAt: string;
  entities: number;
  /** Records in the publisher's file (absent or equal to `entities` unless the format repeats a party). */
  records?: number;
  relations: number;
  files: ListFileRecord[];
  warnings: number;
}

export interface ListSnapshot {
  info: ListVersionInfo;
  entities: Entity[];
  relations: Relation[];
}
