// `interdict counterparties import FILE | list`: the register of parties monitoring watches.
import { Command } from 'commander';
import { readCounterpartyFile } from '../../cases/import.js';
import { actorOf, withCaseService, withUser, type UserOptions } from './cases.js';

export function register(program: Command): void {
  const cps = program.command('counterparties').description('The counterparty register that monitoring re-screens when lists change');

  withUser(cps.command('import'))
    .description('Import counterparties from CSV (header: id,name,schema,country,birthDate,ids,externalRef; ids separated by ;) or JSONL')
    .argument('<file>')
    .action(async (file: string, opts: UserOptions) => {
      const rows = await readCounterpartyFile(file);
      await withCaseService(opts, async (service) => {
        const s = await service.upsertCounterparties(rows, actorOf(opts));
        process.stdout.write(`${rows.length} rows: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged\n`);
      });
    });

  withUser(cps.command('list'))
    .description('List registered counterparties')
    .option('--json', 'JSON output')
    .action(async (opts: UserOptions & { json?: boolean }) => {
      await withCaseService(opts, async (service) => {
        const all = await service.counterparties();
        if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        else for (const c of all) process.stdout.write(`${c.id}  ${c.name}${c.schema ? `  ${c.schema}` : ''}${c.country ? `  ${c.country}` : ''}${c.birthDate ? `  ${c.birthDate}` : ''}${c.externalRef ? `  ref ${c.externalRef}` : ''}\n`);
      });
    });
}
