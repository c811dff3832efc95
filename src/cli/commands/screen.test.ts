// `interdict screen` end to end on a store holding the hand-made fixture list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from '../../lists/store.js';
import { fixtureSnapshot } from '../../../test/fixtures/screening-entities.js';
import { spawnSync } from 'node:child_process';
import { SCORER_VERSION } from '../../matching/scorer.js';

const mainUrl = new URL('../main.ts', import.meta.url).href;

/** Runs the CLI in a child process (its stdout is not the test runner's). */
async function run(args: string[], home: string): Promise<{ code: number; out: string; err: string }> {
  const entry = `import(${JSON.stringify(mainUrl)}).then(async (m) => { process.exitCode = await m.main(['node', 'interdict', ...JSON.parse(process.env.ARGS)]); })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', entry], {
    env: { ...process.env, INTERDICT_HOME: home, ARGS: JSON.stringify(args) },
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}

const home = mkdtempSync(join(tmpdir(), 'interdict-cli-'));
const snap = fixtureSnapshot('un_sc_sanctions', 'c1ifixture');
openListStore(home).save(snap.info, snap.entities, snap.relations);

test('screen --json prints query, scorer, threshold, lists and matches', async () => {
  const r = await run(['screen', 'Qasem Soleimani', '--schema', 'Person', '--birth-date', '1957', '--json'], home);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { query: { name: string; birthDate: string }; scorer: string; threshold: number; lists: Record<string, string>; matches: { sourceId: string; explanation: string }[] };
  assert.equal(doc.scorer, SCORER_VERSION);
  assert.equal(doc.threshold, 0.8);
  assert.deepEqual(doc.lists, { un_sc_sanctions: 'c1ifixture' });
  assert.equal(doc.matches[0]!.sourceId, 'P5');
  assert.match(doc.matches[0]!.explanation, /birth date 1957 agrees/);
});

test('screen prints a table for people', async () => {
  const r = await run(['screen', 'Nicolas Maduro'], home);
  assert.equal(r.code, 0);
  assert.match(r.out, /^score\s+source\s+schema\s+name/m);
  assert.match(r.out, /MADURO MOROS, Nicolas/);
});

test('an empty store is a clear error', async () => {
  const r = await run(['screen', 'X'], mkdtempSync(join(tmpdir(), 'interdict-none-')));
  assert.equal(r.code, 2);
  assert.match(r.err, /interdict lists load --mirror DIR/);
});

test('batch: CSV in, JSON lines out in input order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-cli-batch-'));
  writeFileSync(join(dir, 'in.csv'), 'id,name,schema\nA,Mahan Air,Organization\nB,Someone Else,\nC,Сергей Шойгу,Person\n');
  const r = await run(['screen', '--input', join(dir, 'in.csv'), '--output', join(dir, 'out.jsonl')], home);
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; matches: { sourceId: string }[] });
  assert.deepEqual(lines.map((l) => l.id), ['A', 'B', 'C']);
  assert.equal(lines[0]!.matches[0]!.sourceId, 'O2');
  assert.deepEqual(lines[1]!.matches, []);
  assert.equal(lines[2]!.matches[0]!.sourceId, 'P3');
});
