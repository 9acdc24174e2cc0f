// What a slice gives the core: its decide and evolve, and, for each of its commands and events,
// what the rest of the session reads of them (the status guard, the branch guard, concurrency,
// imports). They are records over the slice's own command and event types, so a new command or
// event does not compile until its slice states all of it; the core derives its routing and
// tables from the slices (slices.ts) instead of listing every type again.
import type { Change } from './changes.js';
import type { CommandBase } from './command-base.js';
import type { Check } from './shapes.js';
import { WORKSPACE_PARTS, type SessionState, type SessionStatus } from './state.js';

export interface SliceCommand {
  type: string;
  data: CommandBase;
}

export interface SliceEvent {
  type: string;
  data: { at: string };
}

export interface CommandRule<C extends SliceCommand> {
  /** The statuses that allow the command (statuses.ts names the usual sets). */
  statuses: readonly SessionStatus[];
  /** What it does, as refusals name it: "cannot pause: …". */
  action: string;
  /** For a command of the session itself, which a branch refuses: the way out that refusal names. */
  sessionOnly?: string;
  /** The fields it writes, as paths concurrency reads (see `fields` of a slice): where another writer's change conflicts. */
  fields(command: C): string[];
  /**
   * Always rebased, whatever another writer did in between: the command only adds under an id the
   * caller generated, or only records facts that already happened, or acts on the state as it is
   * when decided. It is still decided on the state now, which may refuse it.
   */
  commutative?: true;
}

export interface EventRule<E extends SliceEvent> {
  /** The event's data as its command writes it, `at` aside: what an import accepts. */
  shape: Readonly<Record<string, Check>>;
  /** The command an import decides again for this event, which is `events[i]` (see import-step.ts). */
  step(event: E, base: CommandBase, events: readonly SliceEvent[], i: number): ImportStep;
}

/** Where a field of a command an import rebuilt lives in the events: the event's offset in the step, and its data key. */
export interface Located {
  offset: number;
  key: string;
}

/** The command an import decides again, and how many events it recorded; or a fact the import admits (see import-step.ts). */
export type ImportStep =
  | { kind: 'command'; size: number; command: SliceCommand; locate: (field: string) => Located }
  | { kind: 'fact'; size: 1 };

/** Reads the record a field path names, given the rest of the path after the prefix (the key). */
export type FieldReader = (state: SessionState, key: string) => unknown;

/** `C` its commands, `E` its events, `D` what its decide records (its events, and any it records for another slice). */
export interface Slice<C extends SliceCommand, E extends SliceEvent, D extends SliceEvent = E> {
  decide(command: C, state: SessionState): readonly D[];
  /** What the event changes, item by item (changes.ts); the core applies it. */
  evolve(state: SessionState, event: E): readonly Change[];
  commands: { readonly [T in C['type']]: CommandRule<Extract<C, { type: T }>> };
  events: { readonly [T in E['type']]: EventRule<Extract<E, { type: T }>> };
  /**
   * A check the slice adds, before the status check, to every command of the session (not only
   * its own): a branch's refusals. `rule` is what the command's slice says of it.
   */
  guard?(command: SliceCommand, state: SessionState, rule: CommandRule<SliceCommand>): void;
  /** The field paths of this slice's records by prefix (`workspace.discoveries.`), for concurrency. */
  fields?: Readonly<Record<string, FieldReader>>;
}

/** What a command that replaces the workspace (a restore, a merge) writes. */
export const WHOLE_WORKSPACE: readonly string[] = WORKSPACE_PARTS.map((p) => `workspace.${p}`);
