import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRegistry, validateRegistry, findSource } from './registry.js';

test('the source registry validates and names the official sources by OpenSanctions dataset ids', () => {
  const reg = loadRegistry();
  const ids = reg.sources.map((s) => s.id);
  for (const id of ['us_ofac_sdn', 'us_ofac_cons', 'un_sc_sanctions', 'eu_fsf', 'gb_hmt_sanctions', 'gb_fcdo_sanctions', 'us_trade_csl', 'ua_war_sanctions']) {
    assert.ok(ids.includes(id), `registry lacks ${id}`);
  }
  for (const s of reg.sources) {
    for (const f of s.files) assert.match(f.main.url, /^https:\/\//, `${s.id} ${f.format} url`);
    assert.ok(s.files.filter((f) => f.current).length <= 1, `${s.id} has several current download sets`);
  }
  assert.equal(findSource('un_sc_sanctions').jurisdiction, 'UN');
});

test('a registry with a bad field is rejected naming the field', () => {
  assert.throws(
    () => validateRegistry({ version: 'x', sources: [{ id: 'Bad Id', title: 't', publisher: 'p', jurisdiction: 'US', licence: 'l', files: [] }] }),
    /\/sources\/0\//,
  );
  assert.throws(() => findSource('no_such_list'), /unknown source "no_such_list"/);
});
