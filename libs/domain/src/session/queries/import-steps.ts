// The import steps of the queries slice that span several events: an answer records its tool
// calls, tool states, materials, the answer and its discoveries in one run, and a client-side tool
// call its new state after it. The one-event steps are in slice.ts.
import { ValidationError } from '../../errors.js';
import type { CommandBase } from '../core/command-base.js';
import { sameNames, type ImportStep, type Located } from '../core/import-step.js';
import type { SliceEvent } from '../core/slice.js';
import type { DiscoveryDetected } from '../discoveries/index.js';
import type { RecordAnswer, RecordToolInvocation } from './commands.js';
import type { QueryEvent } from './events.js';

type Recorded = QueryEvent | DiscoveryDetected;
type Of<T extends Recorded['type']> = Extract<Recorded, { type: T }>;
const is = <T extends Recorded['type']>(type: T) => (e: SliceEvent | undefined): e is Of<T> => e?.type === type;

/** A client-side tool call: ToolInvoked outside a query, and the tool's new state when it changed. */
export function toolStep(events: readonly SliceEvent[], i: number, base: CommandBase): ImportStep {
  const { invocationId, tool, input, output, durationMs, error, at } = (events[i] as Of<'ToolInvoked'>).data;
  const next = events[i + 1];
  // The call's own new state is recorded with it, at its time; one recorded later (an answer's, say) is not the call's.
  const state = is('ToolStateChanged')(next) && next.data.tool === tool && next.data.at === at ? next.data.state : undefined;
  const command: RecordToolInvocation = {
    type: 'RecordToolInvocation',
    data: { ...base, invocationId, tool, input, output, durationMs, ...(error !== undefined ? { error } : {}), ...(state !== undefined ? { toolState: state } : {}) },
  };
  return {
    kind: 'command',
    size: state === undefined ? 1 : 2,
    command,
    locate: (field) => (field === 'toolState' ? { offset: 1, key: 'state' } : sameNames(field)),
  };
}

/** One RecordAnswer: tool calls, tool states, materials, the answer, then the discoveries it detected. */
export function answerStep(events: readonly SliceEvent[], i: number, base: CommandBase): ImportStep {
  let j = i;
  const run = <T extends Recorded['type']>(type: T, where: (e: Of<T>) => boolean = () => true): Array<Of<T>> => {
    const taken: Array<Of<T>> = [];
    for (let e = events[j]; is(type)(e) && where(e); e = events[++j]) taken.push(e);
    return taken;
  };
  const invoked = run('ToolInvoked', (e) => e.data.queryId !== null);
  const states = run('ToolStateChanged');
  const analysed = run('MaterialAnalysed');
  const answered = events[j];
  if (!is('QueryAnswered')(answered)) {
    const at = j < events.length ? j : i;
    throw new ValidationError(`events[${at}].type`, `events[${at}]: the tool calls, tool states and materials of an answer are recorded with it, and its QueryAnswered follows them`);
  }
  j++;
  const detected = run('DiscoveryDetected');
  const { queryId, text, analysis, model, usage, latencyMs, offline } = answered.data;
  const at = { states: invoked.length, materials: invoked.length + states.length, answer: invoked.length + states.length + analysed.length };
  const command: RecordAnswer = {
    type: 'RecordAnswer',
    data: {
      ...base,
      queryId,
      toolInvocations: invoked.map(({ data: { invocationId, tool, input, output, durationMs, error } }) => ({ invocationId, tool, input, output, durationMs, ...(error !== undefined ? { error } : {}) })),
      toolStates: Object.fromEntries(states.map((e) => [e.data.tool, e.data.state])),
      materials: analysed.map(({ data: { formula, name, properties, source, invocationId } }) => ({ formula, ...(name !== undefined ? { name } : {}), properties, source, ...(invocationId !== undefined ? { invocationId } : {}) })),
      answer: { text, analysis, model, usage, latencyMs, offline },
      discoveries: detected.map(({ data: { discoveryId, category, description, materials, confidence, evidence } }) => ({
        discoveryId, category, description, materials, confidence,
        evidence: { invocationIds: evidence.invocationIds, ...(evidence.text !== undefined ? { text: evidence.text } : {}) },
      })),
    },
  };
  const item = (prefix: string, from: number) => (field: string): Located | null => {
    const m = new RegExp(`^${prefix}(?:\\[(\\d+)\\])?\\.?(.*)$`).exec(field);
    return m ? { offset: from + Number(m[1] ?? 0), key: m[1] === undefined ? '' : m[2]! } : null;
  };
  const locate = (field: string): Located => {
    const tool = /^toolStates\.(.+)$/.exec(field)?.[1];
    if (tool !== undefined || field === 'toolStates') {
      const n = states.findIndex((e) => e.data.tool === tool);
      return n < 0 ? { offset: at.states, key: 'tool' } : { offset: at.states + n, key: 'state' };
    }
    const answerField = /^answer\.(.+)$/.exec(field)?.[1];
    if (answerField !== undefined) return { offset: at.answer, key: answerField };
    return item('toolInvocations', 0)(field) ?? item('materials', at.materials)(field) ?? item('discoveries', at.answer + 1)(field) ?? { offset: at.answer, key: field };
  };
  return { kind: 'command', size: j - i, command, locate };
}
