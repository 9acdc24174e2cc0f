// The slices a session is made of, and what the core derives from them: which slice decides a
// command and which evolves an event, and what each command and event states of itself. A new
// command or event is written in its slice only; a new slice is added here (and its unions to
// commands.ts and events.ts, which the checks below hold to this list).
import { batchesSlice } from '../batches/index.js';
import { branchesSlice } from '../branches/index.js';
import { checkpointsSlice } from '../checkpoints/index.js';
import { discoveriesSlice } from '../discoveries/index.js';
import { hygieneSlice } from '../hygiene/index.js';
import { lifecycleSlice } from '../lifecycle/index.js';
import { membersSlice } from '../members/index.js';
import { queriesSlice } from '../queries/index.js';
import { signaturesSlice } from '../signatures/index.js';
import { schedulesSlice } from '../schedules/index.js';
import { summariesSlice } from '../summaries/index.js';
import { workspaceSlice } from '../workspace/index.js';
import type { SessionCommandType } from './commands.js';
import type { SessionEventType } from './events.js';
import type { CommandRule, EventRule, FieldReader, Slice, SliceCommand, SliceEvent } from './slice.js';

const SLICES = [lifecycleSlice, workspaceSlice, checkpointsSlice, queriesSlice, discoveriesSlice, summariesSlice, branchesSlice, hygieneSlice, signaturesSlice, membersSlice, batchesSlice, schedulesSlice] as const;

// Every command and event type of the unions belongs to a slice listed above (CreateSession is
// decided by the core itself, before the guards): a slice left out fails to compile here.
type CommandsOf<S> = S extends { commands: infer R } ? keyof R : never;
type EventsOf<S> = S extends { events: infer R } ? keyof R : never;
const everyCommandRouted: [Exclude<SessionCommandType, 'CreateSession' | CommandsOf<(typeof SLICES)[number]>>] extends [never] ? true : never = true;
const everyEventRouted: [Exclude<SessionEventType, EventsOf<(typeof SLICES)[number]>>] extends [never] ? true : never = true;

export type AnySlice = Slice<SliceCommand, SliceEvent>;

export const SESSION_SLICES: readonly AnySlice[] = SLICES;

interface Routed<R> {
  slice: AnySlice;
  rule: R;
}

function byType<R>(kind: string, rules: (slice: AnySlice) => Readonly<Record<string, R>>): ReadonlyMap<string, Routed<R>> {
  const routes = new Map<string, Routed<R>>();
  for (const slice of SESSION_SLICES) {
    for (const [type, rule] of Object.entries(rules(slice))) {
      if (routes.has(type)) throw new Error(`Session ${kind} ${type} belongs to two slices`);
      routes.set(type, { slice, rule });
    }
  }
  return routes;
}

const COMMANDS = byType<CommandRule<SliceCommand>>('command', (s) => s.commands);
const EVENTS = byType<EventRule<SliceEvent>>('event', (s) => s.events);

/** The slice that decides a command, and what it says of the command. */
export function commandRoute(type: string): Routed<CommandRule<SliceCommand>> {
  const route = COMMANDS.get(type);
  if (!route) throw new Error(`Unknown session command ${type}`);
  return route;
}

/** The slice that evolves an event, and what it says of the event. */
export function eventRoute(type: string): Routed<EventRule<SliceEvent>> {
  const route = EVENTS.get(type);
  if (!route) throw new Error(`Unknown session event ${type}`);
  return route;
}

export const SESSION_EVENT_TYPES = [...EVENTS.keys()] as SessionEventType[];

export const isSessionEventType = (type: string): type is SessionEventType => EVENTS.has(type);

/** What each command says of itself, by type: the table the status guard reads. */
export const COMMAND_RULES: ReadonlyMap<string, CommandRule<SliceCommand>> = new Map([...COMMANDS].map(([type, { rule }]) => [type, rule]));

/** Every slice's field paths by prefix, for concurrency; no prefix may start another, so a path names one reader. */
export const FIELD_READERS: ReadonlyArray<readonly [string, FieldReader]> = SESSION_SLICES.flatMap((s) => Object.entries(s.fields ?? {}));
for (const [a] of FIELD_READERS) {
  const other = FIELD_READERS.find(([b]) => b !== a && b.startsWith(a));
  if (other) throw new Error(`Field prefix ${a} starts ${other[0]}: a path would have two readers`);
}
