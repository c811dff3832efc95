// `interdict keys create|list|revoke`: API keys of the server. A key is printed once at creation;
// only its hash is stored.
import { Command } from 'commander';
import { defaultHome } from '../../lists/store.js';
import { createApiKey } from '../../store/keys.js';
import { openStorage, ROLES } from '../../store/storage.js';

export function register(program: Command): void {
  const keys = program.command('keys').description('API keys of the server (roles: viewer < analyst < approver < admin)');
  const db = (c: Command) => c.option('--database <url>', 'postgres://... (default: SQLite server.db in INTERDICT_HOME)');

  db(keys.command('create'))
    .description('Create a key and print it (once: it is stored only as a hash)')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--name <name>', 'who or what uses the key')
    .action(async (opts: { role: string; name?: string; database?: string }) => {
      const storage = await openStorage(opts.database, defaultHome());
      try {
        const { key, record } = await createApiKey(storage, opts.role, opts.name);
        process.stdout.write(`${key}\n`);
        process.stderr.write(`created key ${record.id} (${record.role}, "${record.name}"); it is shown only now\n`);
      } finally {
        await storage.close();
      }
    });

  db(keys.command('list'))
    .description('List keys (ids, roles, names; never the keys)')
    .option('--json', 'JSON output')
    .action(async (opts: { database?: string; json?: boolean }) => {
      const storage = await openStorage(opts.database, defaultHome());
      try {
        const all = (await storage.keys()).map(({ hash: _hash, ...k }) => k);
        if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        else for (const k of all) process.stdout.write(`${k.id}  ${k.role.padEnd(8)}  ${k.createdAt}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.name}\n`);
      } finally {
        await storage.close();
      }
    });

  db(keys.command('revoke'))
    .description('Revoke a key (servers stop accepting it within 5 s)')
    .argument('<id>', 'key id (see keys list)')
    .action(async (id: string, opts: { database?: string }) => {
      const storage = await openStorage(opts.database, defaultHome());
      try {
        if (!(await storage.revokeKey(id, new Date().toISOString()))) {
          process.stderr.write(`interdict keys revoke: no key with id ${id}\n`);
          process.exitCode = 1;
          return;
        }
        process.stderr.write(`revoked key ${id}\n`);
      } finally {
        await storage.close();
      }
    });
}
