// `interdict lists load|status|diff`: the list store from the command line.
import { Command, Option } from 'commander';
import type { ListVersionInfo } from '../../domain/list.js';
import { diffSnapshots } from '../../lists/diff.js';
import { loadFiles, loadSources, type SourceLoadOutcome } from '../../lists/load.js';
import { findSource, loadRegistry } from '../../lists/registry.js';
import { openListStore } from '../../lists/store.js';
import { FORMAT_IDS } from '../../lists/formats.js';
import { entityToFtmRecords, relationToFtm } from '../../lists/ftm-export.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

function sourceSummary(info: ListVersionInfo) {
  return {
    id: info.source,
    entities: info.entities,
    records: info.records ?? info.entities,
    publishedAt: info.publishedAt ?? null,
    version: info.version,
    sha256: info.sha256,
  };
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

function reportLoad(outcomes: SourceLoadOutcome[], json: boolean): number {
  const failed = outcomes.filter((o) => o.error);
  if (json) {
    const sources = outcomes.flatMap((o) => {
      const last = o.results[o.results.length - 1];
      return last ? [{ ...sourceSummary(last.info), created: last.created, warnings: last.warnings.length }] : [];
    });
    const out: Record<string, unknown> = { sources };
    if (failed.length) out.errors = failed.map((o) => ({ id: o.source, error: o.error }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const rows = [['source', 'entities', 'published', 'version', 'status']];
    for (const o of outcomes) {
      for (const r of o.results) {
        rows.push([
          o.source,
          String(r.info.entities),
          r.info.publishedAt ?? '-',
          r.info.version,
          r.created ? `loaded${r.warnings.length ? ` (${r.warnings.length} warnings)` : ''}` : 'unchanged',
        ]);
      }
    }
    if (rows.length > 1) printTable(rows);
  }
  for (const o of failed) process.stderr.write(`interdict: ${o.source}: ${o.error}\n`);
  return failed.length ? 1 : 0;
}

export function register(program: Command): void {
  const lists = program.command('lists').description('Load, inspect and compare the sanctions lists');

  lists
    .command('load')
    .description(
      'Load lists: from the official URLs by default, from an offline mirror with --mirror, or one file with --file',
    )
    .option('--mirror <dir>', 'read the files from a local mirror laid out like the official downloads (env INTERDICT_MIRROR)')
    .option('--source <id...>', 'only these sources (repeatable or comma-separated)', collect)
    .option('--history', 'also load the older snapshots the mirror keeps in history/ folders')
    .option('--file <path>', 'load one file (with --format and --source)')
    .addOption(new Option('--format <format>', 'format of --file').choices(FORMAT_IDS))
    .option('--add <path>', 'OFAC CSV set: addresses file to go with --file')
    .option('--alt <path>', 'OFAC CSV set: aliases file to go with --file')
    .option('--comments <path>', 'OFAC CSV set: comments file to go with --file')
    .option('--published <date>', 'publication date of --file when the file carries none (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (opts: {
      mirror?: string; source?: string[]; history?: boolean; file?: string; format?: string;
      add?: string; alt?: string; comments?: string; published?: string; json?: boolean;
    }) => {
      const store = openListStore();
      const progress = (m: string) => process.stderr.write(`${m}\n`);
      if (opts.file) {
        if (!opts.format || !opts.source || opts.source.length !== 1) {
          throw new Error('lists load --file needs --format FMT and exactly one --source ID');
        }
        const source = opts.source[0]!;
        progress(`${source}: loading ${opts.file}`);
        let outcome: SourceLoadOutcome;
        try {
          const result = await loadFiles(store, {
            source,
            format: opts.format,
            files: {
              main: opts.file,
              ...(opts.add ? { add: opts.add } : {}),
              ...(opts.alt ? { alt: opts.alt } : {}),
              ...(opts.comments ? { comments: opts.comments } : {}),
            },
            ...(opts.published ? { published: opts.published } : {}),
          });
          outcome = { source, results: [result] };
        } catch (err) {
          outcome = { source, results: [], error: (err as Error).message };
        }
        process.exitCode = reportLoad([outcome], Boolean(opts.json));
        return;
      }
      const mirror = opts.mirror ?? process.env.INTERDICT_MIRROR;
      const outcomes = await loadSources(store, {
        ...(mirror ? { mirror } : {}),
        ...(opts.source ? { sources: opts.source } : {}),
        history: Boolean(opts.history),
        onProgress: progress,
      });
      process.exitCode = reportLoad(outcomes, Boolean(opts.json));
    });

  lists
    .command('status')
    .description('The current (newest published) stored version of each source')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const store = openListStore();
      const status = store.status();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ sources: status.map(sourceSummary) }, null, 2)}\n`);
        return;
      }
      if (!status.length) {
        process.stdout.write('No lists loaded. Run: interdict lists load --mirror DIR (or without --mirror to download)\n');
        return;
      }
      const rows = [['source', 'entities', 'published', 'version', 'versions', 'loaded']];
      for (const s of status) {
        rows.push([s.source, String(s.entities), s.publishedAt ?? '-', s.version, String(store.versions(s.source).length), s.loadedAt]);
      }
      printTable(rows);
    });

  lists
    .command('sources')
    .description('The source registry: every list interdict knows, its publisher and official URLs')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const registry = loadRegistry();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(registry, null, 2)}\n`);
        return;
      }
      for (const s of registry.sources) {
        process.stdout.write(`${s.id}  [${s.jurisdiction}]  ${s.title}\n  ${s.publisher}\n`);
        for (const f of s.files) process.stdout.write(`  ${f.current ? '*' : ' '} ${f.format.padEnd(18)} ${f.main.url}\n`);
      }
    });

  lists
    .command('export')
    .description('Write a stored version as FollowTheMoney JSON lines (entities, sanctions, relations) to stdout')
    .argument('<source>', 'source id, e.g. un_sc_sanctions')
    .option('--version <version>', 'stored version (default: the current one)')
    .addOption(new Option('--format <format>', 'output format').choices(['ftm']).default('ftm'))
    .action((sourceId: string, opts: { version?: string }) => {
      findSource(sourceId);
      const store = openListStore();
      const info = opts.version ? store.find(sourceId, opts.version) : store.current(sourceId);
      if (!info) throw new Error(`no stored version of ${sourceId}${opts.version ? ` starts with ${opts.version}` : ''}; run interdict lists load first`);
      const snapshot = store.read(info);
      const out: string[] = [];
      for (const e of snapshot.entities) for (const rec of entityToFtmRecords(e)) out.push(JSON.stringify(rec));
      for (const r of snapshot.relations) out.push(JSON.stringify(relationToFtm(r)));
      process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
    });

  lists
    .command('diff')
    .description('Entities added, removed and changed between two stored versions of a source')
    .argument('<source>', 'source id, e.g. us_ofac_sdn')
    .option('--from <version>', 'older version (default: the one before --to)')
    .option('--to <version>', 'newer version (default: the current one)')
    .option('--json', 'print JSON')
    .action((sourceId: string, opts: { from?: string; to?: string; json?: boolean }) => {
      findSource(sourceId);
      const store = openListStore();
      const versions = store.versions(sourceId);
      const pick = (v: string, flag: string): ListVersionInfo => {
        const found = store.find(sourceId, v);
        if (!found) throw new Error(`${flag} ${v}: no stored version of ${sourceId} starts with that (have: ${versions.map((x) => x.version).join(', ') || 'none'})`);
        return found;
      };
      const to = opts.to ? pick(opts.to, '--to') : versions[versions.length - 1];
      if (!to) throw new Error(`no stored version of ${sourceId}; run interdict lists load first`);
      const from = opts.from ? pick(opts.from, '--from') : versions[versions.indexOf(to) - 1];
      if (!from) throw new Error(`${sourceId} has no version older than ${to.version} to compare with (use --from)`);
      const diff = diffSnapshots(store.read(from), store.read(to));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${sourceId}: ${from.version} (${from.publishedAt ?? from.loadedAt}) -> ${to.version} (${to.publishedAt ?? to.loadedAt})\n` +
          `added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}\n`,
      );
      for (const e of diff.added) process.stdout.write(`+ ${e.id}  ${e.name}\n`);
      for (const e of diff.removed) process.stdout.write(`- ${e.id}  ${e.name}\n`);
      for (const e of diff.changed) process.stdout.write(`~ ${e.id}  ${e.name}  (${e.fields.join(', ')})\n`);
    });
}
