// `interdict rules timeline|show`: the regime measures as data — what was in force when.
import { Command } from 'commander';
import { citationText, loadRegimes } from '../../regimes/load.js';
import { regimeTimeline } from '../../regimes/timeline.js';

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function register(program: Command): void {
  const rules = program.command('rules').description('Regime measures (UN, EU, UK, US) as dated, cited data');

  rules
    .command('timeline')
    .description('Measures entering and leaving force, sorted by date')
    .option('--jurisdiction <J>', 'UN, EU, UK or US')
    .option('--from <date>', 'events on or after this date')
    .option('--to <date>', 'events on or before this date')
    .option('--json', 'JSON output')
    .action((opts: { jurisdiction?: string; from?: string; to?: string; json?: boolean }) => {
      const regimes = loadRegimes();
      const events = regimeTimeline(regimes, {
        ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
      });
      if (opts.json) {
        out(JSON.stringify({ rules: regimes.version, events }, null, 2));
        return;
      }
      out(`rules ${regimes.version}: ${events.length} events`);
      for (const e of events) {
        const mark = e.event === 'enters_force' ? '+' : '-';
        const flags = [e.unverified ? 'unverified' : '', e.contestedBy ? `contested by ${e.contestedBy.join(', ')}` : ''].filter(Boolean).join('; ');
        out(`${e.at}  ${mark} ${e.jurisdiction.padEnd(2)}  ${e.measure}  [${e.effect}]  ${e.citation} (${e.confidence})${flags ? ` {${flags}}` : ''}`);
      }
    });

  rules
    .command('show')
    .description('One measure in full: scope, in-force intervals, citation')
    .argument('<id>', 'measure id (see `interdict rules timeline`)')
    .option('--json', 'JSON output')
    .action((id: string, opts: { json?: boolean }) => {
      const regimes = loadRegimes();
      const m = regimes.measure(id);
      if (!m) {
        const near = regimes.measures.filter((x) => x.id.includes(id)).map((x) => x.id).slice(0, 10);
        process.stderr.write(`interdict: no measure "${id}"${near.length ? `; did you mean: ${near.join(', ')}` : ''}\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.json) {
        out(JSON.stringify(m, null, 2));
        return;
      }
      out(`${m.id}  (${m.jurisdiction}, ${m.effect})`);
      out(m.title);
      out(`citation: ${citationText(m.citation)} [confidence ${m.citation.confidence}${m.citation.unverified ? ', unverified' : ''}]`);
      if (m.citation.url) out(`url: ${m.citation.url}`);
      if (m.citation.note) out(`note: ${m.citation.note}`);
      out(`binds: ${m.binds === 'all' ? 'all States (any nexus)' : m.binds.join(', ')}`);
      for (const iv of m.inForce) out(`in force: ${iv.from} .. ${iv.to ?? 'open'}${iv.note ? `  (${iv.note})` : ''}`);
      out(`scope: ${JSON.stringify(m.scope)}`);
      if (m.contested) out(`contested by ${m.contested.by.join(', ')}${m.contested.from ? ` from ${m.contested.from}` : ''}: ${m.contested.position}`);
      if (m.supersedes?.length) out(`supersedes: ${m.supersedes.join(', ')}`);
      for (const n of m.notes ?? []) out(`note: ${n}`);
    });
}
