// The `interdict` command line. Each command lives in src/cli/commands/<name>.ts and exports
// `register(program)`; this file only assembles them.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
// commands: one import per command module (keep sorted)
import { register as registerCheck } from './commands/check.js';
import { register as registerClassify } from './commands/classify.js';
import { register as registerGraph } from './commands/graph.js';
import { register as registerLists } from './commands/lists.js';
import { register as registerRules } from './commands/rules.js';
import { register as registerScreen } from './commands/screen.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerDecisions } from './commands/decisions.js';
import { register as registerKeys } from './commands/keys.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerCases } from './commands/cases.js';
import { register as registerCounterparties } from './commands/counterparties.js';
import { register as registerMonitor } from './commands/monitor.js';
// end of command imports

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('interdict')
    .description('Counter-proliferation trade-compliance engine: sanctions lists, screening, control lists, dated regimes.')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  // registrations: one line per command module (keep sorted)
  registerCheck(program);
  registerClassify(program);
  registerGraph(program);
  registerLists(program);
  registerRules(program);
  registerScreen(program);
  registerAudit(program);
  registerDecisions(program);
  registerKeys(program);
  registerServe(program);
  registerCases(program);
  registerCounterparties(program);
  registerMonitor(program);
  // end of registrations
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`interdict ... | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}
