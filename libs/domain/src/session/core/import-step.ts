// How an import decides an event again: the command that recorded it, rebuilt from the event
// (export/import.ts runs the steps). Each slice says it for its events (`events[type].step` in its
// slice.ts). Most commands record one event; some record several in one run (an answer), and a
// few events are facts no command of a session stream decides alone (a merge, a template's seed,
// an import's close), which the import admits by the checks their command would make.
import type { CommandBase } from './command-base.js';
import type { ImportStep, Located } from './slice.js';

export type { ImportStep, Located } from './slice.js';

export const sameNames = (field: string): Located => ({ offset: 0, key: field });

/** For a command whose fields are named differently in the event it records. */
export const renamed = (names: Readonly<Record<string, string>>) => (field: string): Located => ({ offset: 0, key: names[field] ?? field });

/** The step of a command that records one event. */
export const one = (command: { type: string; data: object }, base: CommandBase, locate = sameNames): ImportStep => ({
  kind: 'command',
  size: 1,
  command: { type: command.type, data: { ...command.data, ...base } },
  locate,
});

export const FACT: ImportStep = { kind: 'fact', size: 1 };
