// A CLI command: one file under commands/, listed in commands/index.ts. `register` adds it (and
// its subcommands) to the program; actions get the CliContext for options, output and the SDK.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../exit-codes.js';

export interface CliCommand {
  name: string;
  register(program: Command, ctx: CliContext): void;
}

/** A revision (a number) or an instant (ISO 8601), or a usage error (exit 2). */
export function revisionOrInstant(value: string, name: string): number | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new UsageError(`${name} must be a revision (a number) or a time (ISO 8601), got "${value}"`);
}

export function positiveInt(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} must be a positive integer, got "${value}"`);
  return Number(value);
}
