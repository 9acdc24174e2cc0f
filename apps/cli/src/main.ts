#!/usr/bin/env node
// `crystalyse`: the command line of Crystalyse Sessions (package.json "bin"). `npm start` runs
// `crystalyse serve`; `npm run cli -- <command>` runs any other.
import 'reflect-metadata';
import { runCli } from './program.js';

// A reader that stops early (`crystalyse sessions list | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Leave once stdout has drained, even if a handle lingers (a keep-alive socket...).
process.stdout.write('', () => process.exit(code));
