// `interdict serve`: the HTTP API over the lists in INTERDICT_HOME, with its audit log in SQLite
// (default) or PostgreSQL (--database postgres://...).
import { Command } from 'commander';
import { defaultHome } from '../../lists/store.js';
import { openStorage } from '../../store/storage.js';
import { Engine } from '../../api/engine.js';
import { buildServer } from '../../api/server.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

interface ServeOpts {
  port: string;
  host: string;
  database?: string;
  dev?: boolean;
  mirror?: string;
  rateLimit: string;
  log?: boolean;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (OpenAPI at /openapi.json, docs at /docs)')
    .option('--port <n>', 'port', '8080')
    .option('--host <addr>', 'address to bind', '127.0.0.1')
    .option('--database <url>', 'postgres://... for PostgreSQL; default: SQLite file server.db in INTERDICT_HOME')
    .option('--dev', 'allow running without API keys (loopback only)')
    .option('--mirror <dir>', 'offline mirror for POST /v1/lists/refresh (default INTERDICT_MIRROR, else official URLs)')
    .option('--rate-limit <n>', 'requests per second per API key (burst 2x); 0 = off', '200')
    .option('--log', 'log requests (JSON lines on stdout)')
    .action(async (opts: ServeOpts) => {
      const port = Number(opts.port);
      const perSecond = Number(opts.rateLimit);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0..65535, got "${opts.port}"`);
      if (!Number.isFinite(perSecond) || perSecond < 0) throw new Error(`--rate-limit: expected a number >= 0, got "${opts.rateLimit}"`);
      const home = defaultHome();
      const storage = await openStorage(opts.database, home);
      const keys = (await storage.keys()).filter((k) => !k.revokedAt);
      if (keys.length === 0 && !opts.dev) {
        await storage.close();
        process.stderr.write('interdict serve: no API keys exist: create one with `interdict keys create --role admin`, or run on loopback with --dev\n');
        process.exitCode = 2;
        return;
      }
      if (opts.dev && !LOOPBACK.has(opts.host)) {
        await storage.close();
        process.stderr.write(`interdict serve: --dev (no authentication) is only allowed on loopback, not on ${opts.host}\n`);
        process.exitCode = 2;
        return;
      }
      const engine = new Engine(home, opts.mirror ?? process.env.INTERDICT_MIRROR);
      const app = await buildServer({ storage, engine, dev: Boolean(opts.dev), rateLimit: { perSecond, burst: perSecond * 2 }, logger: Boolean(opts.log) });
      const address = await app.listen({ port, host: opts.host });
      process.stderr.write(
        `interdict serving on ${address} (storage ${storage.kind}: ${storage.location}; ` +
          `${engine.ready ? `${Object.keys(engine.screener.listVersions).length} lists` : `NOT READY: ${engine.notReadyReason}`}; ${opts.dev ? 'dev mode, no auth' : `${keys.length} API keys`})\n`,
      );
      const stop = async () => {
        await app.close();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise(() => undefined); // serve until a signal
    });
}
