// Loads the regime measures from data/regimes/*.yaml, checks them against the schema and against
// each other (unique ids, known groups, ordered intervals), and hands back one RegimeSet.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../data-path.js';
import { RegimeFileSchema, type Interval, type Measure, type RegimeFile } from './schema.js';

export class RegimeDataError extends Error {
  constructor(
    readonly file: string,
    readonly at: string,
    readonly reason: string,
  ) {
    super(`${file}: ${at}: ${reason}`);
    this.name = 'RegimeDataError';
  }
}

export interface RegimeSet {
  /** Content version of the rules: newest file version plus a hash over all files. */
  readonly version: string;
  readonly files: { file: string; version: string; measures: number }[];
  readonly measures: readonly Measure[];
  /** Country groups ('EU', 'RU_PARTNERS' ...) usable as 'group:NAME'. */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  measure(id: string): Measure | undefined;
}

/** Checks one parsed file; throws RegimeDataError naming the file and the field. */
export function validateRegimeFile(file: string, data: unknown): RegimeFile {
  if (!Value.Check(RegimeFileSchema, data)) {
    const first = [...Value.Errors(RegimeFileSchema, data)].slice(0, 3);
    throw new RegimeDataError(
      file,
      first[0]?.path || '/',
      first.map((e) => `${e.path || '/'} ${e.message} (value ${JSON.stringify(e.value)?.slice(0, 80)})`).join('; '),
    );
  }
  return data;
}

function checkIntervals(file: string, m: Measure): void {
  let previousEnd: string | null = '';
  m.inForce.forEach((iv: Interval, i) => {
    const at = `measure ${m.id} inForce[${i}]`;
    if (iv.to !== null && Date.parse(iv.to) <= Date.parse(iv.from)) throw new RegimeDataError(file, at, `ends (${iv.to}) before it starts (${iv.from})`);
    if (previousEnd === null) throw new RegimeDataError(file, at, 'follows an open-ended interval');
    if (previousEnd && Date.parse(iv.from) < Date.parse(previousEnd)) throw new RegimeDataError(file, at, `overlaps the previous interval (ends ${previousEnd})`);
    previousEnd = iv.to;
  });
}

/** Builds a RegimeSet from already-parsed files (used by the loader and by tests). */
export function buildRegimeSet(files: { file: string; data: RegimeFile; text: string }[]): RegimeSet {
  const measures: Measure[] = [];
  const byId = new Map<string, Measure>();
  const groups: Record<string, string[]> = {};
  for (const { file, data } of files) {
    for (const [name, members] of Object.entries(data.groups ?? {})) {
      if (groups[name]) throw new RegimeDataError(file, `groups.${name}`, 'group defined in more than one file');
      groups[name] = members;
    }
  }
  for (const { file, data } of files) {
    for (const m of data.measures) {
      if (byId.has(m.id)) throw new RegimeDataError(file, `measure ${m.id}`, 'duplicate measure id');
      checkIntervals(file, m);
      for (const d of m.scope.directions ?? []) {
        for (const c of [...(d.to ?? []), ...(d.from ?? []), ...(d.via ?? []), ...(d.notTo ?? [])]) {
          if (c.startsWith('group:') && !groups[c.slice(6)]) throw new RegimeDataError(file, `measure ${m.id} scope.directions`, `unknown country group ${c}`);
        }
      }
      byId.set(m.id, m);
      measures.push(m);
    }
  }
  for (const m of measures) {
    for (const s of m.supersedes ?? []) {
      if (!byId.has(s)) throw new RegimeDataError('data/regimes', `measure ${m.id} supersedes`, `unknown measure id ${s}`);
    }
  }
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) hash.update(f.file).update('\0').update(f.text);
  const newest = files.map((f) => f.data.version).sort().at(-1) ?? '0000-00-00.0';
  return {
    version: `${newest}+${hash.digest('hex').slice(0, 8)}`,
    files: files.map((f) => ({ file: f.file, version: f.data.version, measures: f.data.measures.length })),
    measures,
    groups,
    measure: (id) => byId.get(id),
  };
}

/** Reads every data/regimes/*.yaml (or the given folder). */
export function loadRegimes(dir: string = dataPath('regimes')): RegimeSet {
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort();
  if (names.length === 0) throw new RegimeDataError(dir, '/', 'no regime files (*.yaml) found');
  const files = names.map((n) => {
    const path = join(dir, n);
    const text = readFileSync(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (err) {
      throw new RegimeDataError(basename(path), '/', `not valid YAML: ${(err as Error).message}`);
    }
    return { file: n, data: validateRegimeFile(n, parsed), text };
  });
  return buildRegimeSet(files);
}

/** The interval of a measure in force at an instant, if any (from inclusive, to exclusive). */
export function intervalAt(m: Measure, instant: string): Interval | undefined {
  const t = Date.parse(instant);
  return m.inForce.find((iv) => Date.parse(iv.from) <= t && (iv.to === null || t < Date.parse(iv.to)));
}

/** Expands 'group:NAME' entries to their member countries. */
export function expandCountries(codes: readonly string[], groups: Readonly<Record<string, readonly string[]>>): Set<string> | '*' {
  const out = new Set<string>();
  for (const c of codes) {
    if (c === '*') return '*';
    if (c.startsWith('group:')) for (const m of groups[c.slice(6)] ?? []) out.add(m);
    else out.add(c);
  }
  return out;
}

/** One-line citation text: "UNSCR 2231 (2015) Annex B, para 4". */
export function citationText(c: { instrument: string; provision?: string }): string {
  return c.provision ? `${c.instrument}, ${c.provision}` : c.instrument;
}
