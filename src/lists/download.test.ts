import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from './load.js';
import { openListStore } from './store.js';
import { sharedData } from '../../test/shared-data.js';

test('without network and without a mirror, loading fails fast and names the mirror option', async () => {
  let calls = 0;
  const offline = (async () => {
    calls++;
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND scsanctions.un.org'), { code: 'ENOTFOUND' }) });
  }) as unknown as typeof fetch;
  const started = Date.now();
  const [outcome] = await loadSources(openListStore(mkdtempSync(join(tmpdir(), 'interdict-dl-'))), { sources: ['un_sc_sanctions'], fetchImpl: offline });
  assert.match(outcome?.error ?? '', /--mirror/);
  assert.match(outcome?.error ?? '', /ENOTFOUND/);
  assert.equal(calls, 1, 'no retries when the network is absent');
  assert.ok(Date.now() - started < 2000);
});

test('a download is retried after a transient failure, then parsed and stored', async () => {
  const body = readFileSync(sharedData('un/consolidated.xml'));
  const urls: string[] = [];
  const flaky = (async (url: string) => {
    urls.push(url);
    if (urls.length === 1) return new Response('busy', { status: 503, statusText: 'Service Unavailable' });
    return new Response(body, { status: 200, headers: { 'content-length': String(body.length) } });
  }) as unknown as typeof fetch;
  const store = openListStore(mkdtempSync(join(tmpdir(), 'interdict-dl-')));
  const [outcome] = await loadSources(store, { sources: ['un_sc_sanctions'], fetchImpl: flaky });
  assert.equal(outcome?.error, undefined);
  assert.deepEqual(urls, ['https://scsanctions.un.org/resources/xml/en/consolidated.xml', 'https://scsanctions.un.org/resources/xml/en/consolidated.xml']);
  assert.equal(store.current('un_sc_sanctions')?.entities, 1003);
});
