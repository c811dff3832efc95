// `interdict check TRANSFER.json [--as-of DATE] [--json]`: loads lists (as of the date), control
// lists, regimes, graph and red-flag indicators, then prints checkTransfer's decision.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Decision } from '../../domain/decision.js';
import { loadControlLists } from '../../controls/classify.js';
import { checkTransfer, type CheckContext } from '../../decide/check.js';
import { toInstant } from '../../decide/nexus.js';
import { parseTransfer } from '../../decide/transfer-input.js';
import { buildGraph } from '../../graph/graph.js';
import { openListStore } from '../../lists/store.js';
import { createScreener, openScreener, selectVersions } from '../../matching/screener.js';
import { loadIndicators } from '../../redflags/indicators.js';
import { loadRegimes } from '../../regimes/load.js';

function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function printDecision(d: Decision): void {
  out(`verdict: ${d.verdict.toUpperCase()}   (as of ${d.asOf}${d.id ? `, transfer ${d.id}` : ''})`);
  out();
  const rows = d.jurisdictions.map((j) => [j.jurisdiction, j.verdict, j.binding === false ? 'no nexus' : 'binding', j.contested ? 'CONTESTED' : '']);
  const widths = [4, 24, 10, 9];
  out(['jur.', 'verdict', 'nexus', 'contested'].map((c, i) => c.padEnd(widths[i]!)).join(' '));
  for (const r of rows) out(r.map((c, i) => c.padEnd(widths[i]!)).join(' ').trimEnd());
  for (const j of d.jurisdictions) {
    if (!j.measures.length) continue;
    out();
    out(`${j.jurisdiction}:`);
    for (const m of j.measures) {
      out(`  [${m.effect}] ${m.id} — ${m.title}`);
      out(`      ${m.citation}${m.citationDetail?.unverified ? ' (unverified)' : ''}; in force ${m.inForce.from} .. ${m.inForce.to ?? 'open'}`);
      out(`      why: ${m.why}`);
    }
  }
  const controls = d.items.filter((i) => i.controls.length);
  if (controls.length) {
    out();
    out('items:');
    for (const i of controls) out(`  ${i.index}: ${i.controls.map((c) => `${c.list} ${c.entry}${c.category ? ` (Cat. ${c.category})` : ''} [${c.confidence}]`).join(', ')}`);
  }
  const matched = d.parties.filter((p) => p.matches.length);
  if (matched.length) {
    out();
    out('parties:');
    for (const p of matched) for (const m of p.matches.slice(0, 3)) out(`  ${p.index}: ${m.source} "${m.name}" score ${m.score.toFixed(2)} — ${m.explanation}`);
  }
  if (d.redFlags.length) {
    out();
    out('red flags:');
    for (const f of d.redFlags) out(`  ${f.id}: ${f.title} — ${f.evidence.join('; ')}`);
  }
  if (d.notes?.length) {
    out();
    for (const n of d.notes) out(`note: ${n}`);
  }
  out();
  out(`versions: rules ${d.versions.rules}, scorer ${d.versions.scorer}${d.versions.controls ? `, controls ${d.versions.controls}` : ''}, lists ${Object.entries(d.versions.lists).map(([s, v]) => `${s}@${v}`).join(' ')}`);
}

export function register(program: Command): void {
  program
    .command('check')
    .description('Decide a transfer: per-jurisdiction verdicts with the measures, citations and reasons behind them')
    .argument('<transfer>', 'transfer JSON file')
    .option('--as-of <date>', 'decide as the law and the lists stood on this date (default: the transfer date)')
    .option('--no-graph', 'skip the ownership graph (faster; no 50 percent rule)')
    .option('--json', 'JSON output (the Decision)')
    .option('--exit-code', 'exit 0 clear, 2 review, 3 authorization required, 4 prohibited')
    .action((file: string, opts: { asOf?: string; graph: boolean; json?: boolean; exitCode?: boolean }) => {
      const transfer = parseTransfer(JSON.parse(readFileSync(file, 'utf8')) as unknown);
      const asOf = toInstant(opts.asOf ?? transfer.date);
      const store = openListStore();
      // The newest version of each list published on or before the date; a list with no version
      // that old is left out and named in the decision's notes.
      const sources = store.sources().filter((s) => store.asOf(s, asOf));
      const missing = store.sources().filter((s) => !sources.includes(s));
      const versions = sources.length ? selectVersions(store, { sources, asOf }) : [];
      const screener = sources.length ? openScreener(store, { sources, asOf }) : createScreener([]);
      const ctx: CheckContext = {
        screener,
        notes: missing.map((s) => `list ${s}: no version published on or before ${asOf} is loaded; not screened`),
        controls: loadControlLists(),
        regimes: loadRegimes(),
        indicators: loadIndicators(),
        listVersions: Object.fromEntries(versions.map((v) => [v.source, v.version])),
        ...(opts.graph ? { graph: buildGraph(versions.map((v) => store.read(v))) } : {}),
      };
      const decision = checkTransfer(transfer, asOf, ctx);
      if (opts.json) out(JSON.stringify(decision, null, 2));
      else printDecision(decision);
      // Opt-in exit status for scripts.
      if (opts.exitCode) process.exitCode = { clear: 0, review: 2, authorization_required: 3, prohibited: 4 }[decision.verdict];
    });
}
