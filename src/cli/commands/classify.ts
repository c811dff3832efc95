// `interdict classify ITEM.json [--json]`: which control-list entries an item falls under.
// ITEM.json is the Item type of src/domain/transfer.ts; `-` reads it from stdin.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { classifyItem, loadControlLists } from '../../controls/classify.js';
import { ItemValidationError, validateItem } from '../../controls/item.js';
import type { Classification } from '../../domain/transfer.js';

/** Exit code for input the command cannot accept (unreadable file, bad JSON, invalid field). */
const EXIT_BAD_INPUT = 2;

function readInput(path: string): string {
  return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A readable table: one block per control, the reason wrapped beneath it. */
export function formatClassification(result: Classification): string {
  const out: string[] = [];
  if (!result.controls.length) out.push('No control-list entry matched.');
  else {
    const rows = result.controls.map((c) => [c.list, c.entry, c.category ?? '', c.confidence, `${c.citation.confidence}${c.citation.unverified ? ' unverified' : ''}`]);
    const head = ['LIST', 'ENTRY', 'CAT', 'CONFIDENCE', 'SOURCE'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    out.push(fmt(head));
    result.controls.forEach((c, i) => {
      out.push(fmt(rows[i]!));
      for (const l of wrap(c.reason, 96)) out.push(`    ${l}`);
      out.push(`    cite: ${c.citation.instrument}${c.citation.provision ? `, ${c.citation.provision}` : ''}`);
    });
  }
  if (result.notes.length) {
    out.push('', 'Notes:');
    for (const n of result.notes) wrap(n, 98).forEach((l, i) => out.push(`${i ? '    ' : '  - '}${l}`));
  }
  if (result.version) out.push('', `Control data: ${result.version}`);
  return `${out.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('classify')
    .description('Classify an item (JSON file, or - for stdin) against the MTCR Annex, EU/US control lists, CHPL and the Iran UAV lists')
    .argument('<item>', 'path to an item JSON file, or - to read it from stdin')
    .option('--json', 'print JSON')
    .action((path: string, opts: { json?: boolean }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readInput(path));
      } catch (err) {
        process.stderr.write(`interdict: ${path === '-' ? 'stdin' : path}: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      let result: Classification;
      try {
        result = classifyItem(validateItem(raw), loadControlLists());
      } catch (err) {
        if (err instanceof ItemValidationError) {
          process.stderr.write(`interdict: ${path === '-' ? 'stdin' : path}: ${err.message}\n`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        throw err;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatClassification(result));
    });
}
