// `interdict cases list|show|assign|comment|clear|confirm|escalate`: work alerts from the command
// line. The CLI acts as a named local user (`--user NAME --role ROLE`, default: $USER as analyst);
// every action is written to the audit log under that name.
import { Command } from 'commander';
import { userInfo } from 'node:os';
import { defaultHome } from '../../lists/store.js';
import { AuditWriter } from '../../store/audit.js';
import { openStorage, ROLES, type Role } from '../../store/storage.js';
import { CaseError, CaseService } from '../../cases/service.js';
import type { Actor, Case, CaseStatus } from '../../cases/model.js';

export interface UserOptions {
  database?: string;
  user?: string;
  role?: string;
}

export function withUser(c: Command): Command {
  return c
    .option('--database <url>', 'postgres://... (default: SQLite server.db in INTERDICT_HOME)')
    .option('--user <name>', 'who acts (default: the OS user)')
    .option('--role <role>', `${ROLES.join(' | ')} (default: analyst)`, 'analyst');
}

export function actorOf(opts: UserOptions): Actor {
  const role = (opts.role ?? 'analyst') as Role;
  if (!ROLES.includes(role)) throw new CaseError('invalid_input', `--role: expected one of ${ROLES.join(', ')}, got "${opts.role}"`);
  return { user: opts.user ?? (process.env.USER || userInfo().username), role };
}

/** Open the server's storage with a case service on it, run `fn`, and close after the audit drained. */
export async function withCaseService<T>(opts: UserOptions, fn: (service: CaseService) => Promise<T>): Promise<T> {
  const storage = await openStorage(opts.database, defaultHome());
  const service = new CaseService(storage, new AuditWriter(storage));
  try {
    return await fn(service);
  } catch (err) {
    if (err instanceof CaseError) {
      process.stderr.write(`error (${err.code}): ${err.message}\n`);
      process.exitCode = 2;
      return undefined as T;
    }
    throw err;
  } finally {
    await service.drain();
    await storage.close();
  }
}

function line(c: Case): string {
  return `${c.id}  ${c.status.padEnd(9)}  ${c.blocking ? 'BLOCKING' : '        '}  ${c.score.toFixed(3)}  ${c.counterpartyName} ~ ${c.entityName} (${c.source} ${c.entityId})${c.assignee ? `  @${c.assignee}` : ''}`;
}

function show(c: Case, json?: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${line(c)}\n  matched name: ${c.matchedName}\n  ${c.explanation}\n`);
  if (c.proposal) process.stdout.write(`  proposed: ${c.proposal.outcome} by ${c.proposal.by}: ${c.proposal.reason} (waiting for a second user with the approver role)\n`);
  for (const e of c.events) process.stdout.write(`  ${e.at}  ${e.actor.padEnd(10)}  ${e.action}${e.text ? `: ${e.text}` : ''}\n`);
}

export function register(program: Command): void {
  const cases = program.command('cases').description('Alerts to work: open -> in_review -> cleared / confirmed / escalated (four eyes on blocking cases)');

  withUser(cases.command('list'))
    .description('List cases')
    .option('--status <status>', 'open | in_review | cleared | confirmed | escalated')
    .option('--json', 'JSON output')
    .action(async (opts: UserOptions & { status?: string; json?: boolean }) => {
      await withCaseService(opts, async (service) => {
        const all = await service.cases(opts.status ? { status: opts.status as CaseStatus } : {});
        if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        else for (const c of all) process.stdout.write(`${line(c)}\n`);
      });
    });

  withUser(cases.command('show'))
    .description('A case with its history')
    .argument('<id>')
    .option('--json', 'JSON output')
    .action(async (id: string, opts: UserOptions & { json?: boolean }) => {
      await withCaseService(opts, async (service) => {
        const c = await service.case(id);
        if (!c) throw new CaseError('not_found', `no case ${id}`);
        show(c, opts.json);
      });
    });

  withUser(cases.command('assign'))
    .description('Assign a case to a reviewer (moves it to in_review)')
    .argument('<id>')
    .argument('<assignee>')
    .action(async (id: string, assignee: string, opts: UserOptions) => {
      await withCaseService(opts, async (service) => show(await service.assign(id, assignee, actorOf(opts))));
    });

  withUser(cases.command('comment'))
    .description('Add a comment')
    .argument('<id>')
    .argument('<text>')
    .action(async (id: string, text: string, opts: UserOptions) => {
      await withCaseService(opts, async (service) => show(await service.comment(id, text, actorOf(opts))));
    });

  withUser(cases.command('clear'))
    .description('False positive: close and whitelist the pair (blocking cases: a second user with the approver role must clear too)')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why this is not the listed entity')
    .option('--expires <date>', 'whitelist expiry YYYY-MM-DD (default: one year)')
    .action(async (id: string, opts: UserOptions & { reason: string; expires?: string }) => {
      await withCaseService(opts, async (service) => show(await service.clear(id, opts.reason, actorOf(opts), opts.expires ? { expiresAt: opts.expires } : {})));
    });

  withUser(cases.command('confirm'))
    .description('True match: close as confirmed (blocking cases: a second user with the approver role must confirm too)')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why this is the listed entity')
    .action(async (id: string, opts: UserOptions & { reason: string }) => {
      await withCaseService(opts, async (service) => show(await service.confirm(id, opts.reason, actorOf(opts))));
    });

  withUser(cases.command('escalate'))
    .description('Escalate a case')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, opts: UserOptions & { reason: string }) => {
      await withCaseService(opts, async (service) => show(await service.escalate(id, opts.reason, actorOf(opts))));
    });
}
