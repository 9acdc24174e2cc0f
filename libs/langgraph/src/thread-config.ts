// What the saver accepts from a RunnableConfig. Ids become parts of stream names and keys, so
// they are checked like any other input: strings of bounded length without control characters.
import { getCheckpointId } from '@langchain/langgraph-checkpoint';
import type { RunnableConfig } from '@langchain/core/runnables';

export const LIMITS = { threadId: 256, checkpointNs: 1024, checkpointId: 256, taskId: 256 } as const;

const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkId(field: keyof typeof LIMITS, value: unknown, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (value === '' && !options.allowEmpty) throw new TypeError(`${field} must not be empty`);
  if (value.length > LIMITS[field]) throw new TypeError(`${field} is longer than ${LIMITS[field]} characters`);
  if (CONTROL.test(value)) throw new TypeError(`${field} must not contain control characters`);
  return value;
}

export interface ThreadAddress {
  threadId: string;
  ns: string;
  /** The checkpoint the config names, if any. */
  checkpointId?: string;
}

/** For writes: the thread is required (LangGraph's savers throw without one). */
export function requireThread(config: RunnableConfig, what: string): ThreadAddress {
  const threadId = config.configurable?.thread_id;
  if (threadId === undefined || threadId === null) {
    throw new Error(`Failed to ${what}: the RunnableConfig has no "thread_id" in its "configurable", so there is no thread to save to.`);
  }
  return address(config, threadId);
}

/** For reads: no thread means nothing to find. */
export function optionalThread(config: RunnableConfig): ThreadAddress | undefined {
  const threadId = config.configurable?.thread_id;
  return threadId === undefined || threadId === null ? undefined : address(config, threadId);
}

function address(config: RunnableConfig, threadId: unknown): ThreadAddress {
  const ns = checkId('checkpointNs', config.configurable?.checkpoint_ns ?? '', { allowEmpty: true });
  const id = getCheckpointId(config);
  return { threadId: checkId('threadId', threadId), ns, ...(id ? { checkpointId: checkId('checkpointId', id) } : {}) };
}
