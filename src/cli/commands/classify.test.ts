// `interdict classify` end to end: file and stdin input, JSON and table output, input errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mainUrl = new URL('../main.ts', import.meta.url).href;
const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/items/${name}.json`, import.meta.url));

function run(args: string[], input?: string): { code: number; out: string; err: string } {
  const entry = `import(${JSON.stringify(mainUrl)}).then(async (m) => { process.exitCode = await m.main(['node', 'interdict', ...JSON.parse(process.env.ARGS)]); })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', entry], {
    env: { ...process.env, ARGS: JSON.stringify(args) },
    input,
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}

test('classify --json prints controls, notes and the control data version', () => {
  const r = run(['classify', fixture('shahed-136'), '--json']);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { controls: { list: string; entry: string; category?: string; confidence: string; reason: string; citation: { instrument: string } }[]; notes: string[]; version: string };
  const mtcr = doc.controls.find((c) => c.list === 'MTCR');
  assert.deepEqual([mtcr?.entry, mtcr?.category], ['19.A.2', 'II']);
  assert.ok(mtcr?.citation.instrument.includes('MTCR'));
  assert.ok(doc.version.startsWith('controls-'));
});

test('classify - reads stdin and prints a table', () => {
  const r = run(['classify', '-'], JSON.stringify({ description: 'integrated circuits', hsCode: '8542.31.00' }));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^LIST\s+ENTRY/m);
  assert.match(r.out, /CHPL\s+Tier 1/);
});

test('classify rejects a bad field naming it, with a non-zero exit', () => {
  const r = run(['classify', '-'], JSON.stringify({ description: 'drone', kind: 'uav', rangeKm: 'far' }));
  assert.equal(r.code, 2);
  assert.match(r.err, /rangeKm: expected a number >= 0, got "far"/);
  const bad = run(['classify', '-'], '{not json');
  assert.equal(bad.code, 2);
  const kind = run(['classify', '-'], JSON.stringify({ description: 'x', kind: 'drone' }));
  assert.match(kind.err, /kind: expected one of ballistic_missile/);
});
