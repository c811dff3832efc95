// `interdict screen NAME ...` and `interdict screen --input FILE --output FILE.jsonl`: screening
// against the lists in the store (INTERDICT_HOME). The engine is src/matching/.
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { openListStore } from '../../lists/store.js';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, openScreener, ScreeningError, type ScreenQuery } from '../../matching/screener.js';
import { readBatchInput, screenBatch, writeBatchOutput, BatchInputError } from '../../matching/batch.js';
import { canonicalSchema } from '../../matching/compare/schema.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

function number(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name}: expected a number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

interface ScreenOpts {
  schema?: string;
  country?: string;
  birthDate?: string;
  id?: string[];
  source?: string[];
  limit?: number;
  threshold?: number;
  json?: boolean;
  input?: string;
  output?: string;
  asOf?: string;
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function register(program: Command): void {
  program
    .command('screen')
    .description(`Screen a name against the loaded sanctions lists (alert at score >= ${DEFAULT_THRESHOLD} by default)`)
    .argument('[name]', 'the name to screen (any script)')
    .addOption(new Option('--schema <schema>', 'what the party is').choices(['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft']))
    .option('--country <cc>', 'country of the party (ISO code or name)')
    .option('--birth-date <date>', 'birth date YYYY[-MM[-DD]]')
    .option('--id <number...>', 'identifier (passport, registration, IMO ...); decisive on an exact match', collect)
    .option('--source <id...>', 'only these lists (repeatable or comma-separated)', collect)
    .option('--limit <n>', `at most this many matches (default ${DEFAULT_LIMIT})`, number('--limit', 1, 1000))
    .option('--threshold <t>', `report matches scoring at least this (default ${DEFAULT_THRESHOLD})`, number('--threshold', 0, 1))
    .option('--as-of <date>', 'screen against the list versions published on or before this date')
    .option('--input <file>', 'batch: CSV (id,name[,schema,country,birth_date]) or JSONL input')
    .option('--output <file>', 'batch: JSON lines output, one {"id","matches"} per input row')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: ScreenOpts) => {
      try {
        const store = openListStore();
        if (opts.input || opts.output) {
          if (!opts.input || !opts.output) throw new BatchInputError('batch screening needs both --input and --output');
          const rows = readBatchInput(opts.input);
          const bar = new SingleBar({ noTTYOutput: true, stream: process.stderr, format: 'screening [{bar}] {value}/{total} rows {percentage}% eta {eta}s' }, Presets.shades_classic);
          bar.start(rows.length, 0);
          const batchOptions: Parameters<typeof screenBatch>[2] = { onProgress: (done) => bar.update(done) };
          if (opts.source) batchOptions.sources = opts.source;
          if (opts.asOf) batchOptions.asOf = opts.asOf;
          if (opts.threshold !== undefined) batchOptions.threshold = opts.threshold;
          if (opts.limit !== undefined) batchOptions.limit = opts.limit;
          const results = await screenBatch(store, rows, batchOptions);
          bar.stop();
          await writeBatchOutput(opts.output, rows, results);
          const alerts = results.filter((r) => r.length > 0).length;
          process.stderr.write(`screened ${rows.length} rows: ${alerts} with matches; wrote ${opts.output}\n`);
          return;
        }
        if (!name) throw new BatchInputError('give a NAME to screen, or --input FILE --output FILE.jsonl');
        const screener = openScreener(store, { ...(opts.source ? { sources: opts.source } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) });
        const query: ScreenQuery = { name };
        const schema = canonicalSchema(opts.schema);
        if (schema) query.schema = schema;
        if (opts.country) query.country = opts.country;
        if (opts.birthDate) query.birthDate = opts.birthDate;
        if (opts.id?.length) query.ids = opts.id;
        const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
        const matches = screener.screen(query, { threshold, limit: opts.limit ?? DEFAULT_LIMIT });
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ query, scorer: screener.scorerVersion, threshold, lists: screener.listVersions, matches }, null, 2)}\n`,
          );
          return;
        }
        if (!matches.length) {
          process.stdout.write(`no match at or above ${threshold} (scorer ${screener.scorerVersion}, ${Object.keys(screener.listVersions).length} lists)\n`);
          return;
        }
        const rows = [['score', 'source', 'schema', 'name', 'matched name', 'programs']];
        for (const m of matches) rows.push([m.score.toFixed(3), m.source, m.schema, cut(m.name, 40), cut(m.matchedName, 40), cut(m.programs.join(','), 24)]);
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
        process.stdout.write(`\n`);
        for (const m of matches) process.stdout.write(`${m.entityId}: ${m.explanation}\n`);
        process.stdout.write(`\nscorer ${screener.scorerVersion}; alert threshold ${threshold}\n`);
      } catch (err) {
        if (err instanceof ScreeningError || err instanceof BatchInputError) {
          process.stderr.write(`interdict screen: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
}
