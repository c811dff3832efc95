// `interdict monitor run [--source ID]`: re-screen the counterparty register against what changed
// in each list since the version monitoring last processed (kept in the database).
import { Command } from 'commander';
import { defaultHome, openListStore } from '../../lists/store.js';
import { runMonitor } from '../../monitoring/monitor.js';
import { withCaseService, withUser, type UserOptions } from './cases.js';

export function register(program: Command): void {
  const monitor = program.command('monitor').description('Ongoing monitoring of the counterparty register');
  withUser(monitor.command('run'))
    .description('Screen counterparties against list changes since the last run; open cases for new hits')
    .option('--source <id...>', 'only these list sources')
    .option('--json', 'JSON output')
    .action(async (opts: UserOptions & { source?: string[]; json?: boolean }) => {
      await withCaseService(opts, async (service) => {
        const reports = await runMonitor(openListStore(defaultHome()), service, { ...(opts.source ? { sources: opts.source } : {}), actor: opts.user ?? 'monitor' });
        if (opts.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
        else
          for (const r of reports)
            process.stdout.write(
              `${r.source}: ${r.mode}${r.from ? ` ${r.from} ->` : ''} ${r.to}: +${r.added} ~${r.changed} -${r.removed}; ${r.counterparties} counterparties, ${r.hits} hits, ${r.opened} cases opened, ${r.suppressed} suppressed, ${r.existing} already open (${Math.round(r.ms)} ms)\n`,
            );
      });
    });
}
