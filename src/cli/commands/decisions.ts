// `interdict decisions show|replay ID`: a decision recorded by the server, and its re-run with the
// same list versions, scorer and rules.
import { Command } from 'commander';
import { defaultHome, openListStore } from '../../lists/store.js';
import { loadRegimes } from '../../regimes/load.js';
import { loadControlLists } from '../../controls/classify.js';
import { loadIndicators } from '../../redflags/indicators.js';
import { replayDecision, ReplayError } from '../../api/decisions.js';
import { openStorage } from '../../store/storage.js';

export function register(program: Command): void {
  const decisions = program.command('decisions').description('Decisions recorded by the server');
  const db = (c: Command) => c.option('--database <url>', 'postgres://... (default: SQLite server.db in INTERDICT_HOME)');

  db(decisions.command('show'))
    .description('Print a recorded decision (input, output, caller, time, versions) as JSON')
    .argument('<id>', 'decision id')
    .action(async (id: string, opts: { database?: string }) => {
      const storage = await openStorage(opts.database, defaultHome());
      try {
        const e = await storage.auditEntry(id);
        if (!e) {
          process.stderr.write(`interdict decisions: no decision with id ${id}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
      } finally {
        await storage.close();
      }
    });

  db(decisions.command('replay'))
    .description('Re-run a recorded decision with the same list versions, scorer and rules; exit 1 if the result differs')
    .argument('<id>', 'decision id')
    .option('--json', 'JSON output')
    .action(async (id: string, opts: { database?: string; json?: boolean }) => {
      const home = defaultHome();
      const storage = await openStorage(opts.database, home);
      try {
        const e = await storage.auditEntry(id);
        if (!e) {
          process.stderr.write(`interdict decisions replay: no decision with id ${id}\n`);
          process.exitCode = 1;
          return;
        }
        const regimes = loadRegimes();
        const result = replayDecision(e, openListStore(home), { rules: regimes.version, regimes, controls: loadControlLists(), indicators: loadIndicators() });
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.identical) {
          process.stdout.write(`decision ${id} (${e.kind}, ${e.at}) replayed: IDENTICAL\n`);
          process.stdout.write(`  scorer ${result.versions.scorer}; rules ${result.versions.rules}; lists ${Object.entries(result.versions.lists).map(([s, v]) => `${s}@${v}`).join(', ')}\n`);
        } else {
          process.stdout.write(`decision ${id} replayed: DIFFERENT in ${result.differences.length} place(s)\n`);
          for (const d of result.differences) process.stdout.write(`  ${d.path}: stored ${JSON.stringify(d.stored)} -> replayed ${JSON.stringify(d.replayed)}\n`);
        }
        if (!result.identical) process.exitCode = 1;
      } catch (err) {
        if (err instanceof ReplayError) {
          process.stderr.write(`interdict decisions replay: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      } finally {
        await storage.close();
      }
    });
}
