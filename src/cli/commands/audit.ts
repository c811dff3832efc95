// `interdict audit verify`: recompute the audit log's hash chain and name the first entry that was
// edited, deleted or reordered.
import { Command } from 'commander';
import { defaultHome } from '../../lists/store.js';
import { verifyAudit } from '../../store/audit.js';
import { openStorage } from '../../store/storage.js';

export function register(program: Command): void {
  const audit = program.command('audit').description('The server audit log (hash-chained)');
  audit
    .command('verify')
    .description('Verify the hash chain; exit 1 and name the seq when an entry was edited, deleted or reordered')
    .option('--database <url>', 'postgres://... (default: SQLite server.db in INTERDICT_HOME)')
    .option('--json', 'JSON output')
    .action(async (opts: { database?: string; json?: boolean }) => {
      const storage = await openStorage(opts.database, defaultHome());
      try {
        const result = await verifyAudit(storage);
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok) process.stdout.write(`audit chain intact: ${result.entries} entries, head ${result.head.hash.slice(0, 16) || '(empty)'}\n`);
        else process.stdout.write(`AUDIT CHAIN BROKEN at seq ${result.problem!.seq} (${result.problem!.problem}): ${result.problem!.message}\n`);
        if (!result.ok) process.exitCode = 1;
      } finally {
        await storage.close();
      }
    });
}
