#!/usr/bin/env node
// Entry point for `npx interdict`: runs the compiled CLI (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`interdict: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
