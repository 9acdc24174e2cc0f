// The chat REPL: a line is a question to the session (the answer printed as it streams, a
// spinner while the analyst works); a line starting with / is a command (slash-commands.ts).
// node:readline gives line editing and history with the arrow keys on a terminal; the history
// is kept in ~/.crystalyse_history (or CRYSTALYSE_HISTORY_FILE). Piped input works line by line.
import { appendFile, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Branch, Session, SessionManager } from '@crystalyse/sdk';
import type { Output } from '../output.js';
import { slashCommand } from './slash-commands.js';

export type Workspace = Session | Branch;

export interface ChatState {
  manager: SessionManager;
  session: Session;
  /** Where questions go: the session, or the branch made with /branch (the last one opened). */
  branches: Branch[];
  /** The checkpoint saved before each question, newest last: what /undo restores. */
  undo: { checkpoint: string; question: string }[];
  out: Output;
}

export function current(state: ChatState): Workspace {
  return state.branches.at(-1) ?? state.session;
}

export async function runRepl(state: ChatState, input: Readable, env: NodeJS.ProcessEnv): Promise<void> {
  const { out } = state;
  const terminal = Boolean((input as { isTTY?: boolean }).isTTY) && Boolean(out.io.stdout.isTTY);
  const historyFile = env.CRYSTALYSE_HISTORY_FILE ?? join(env.HOME ?? homedir(), '.crystalyse_history');
  const history = terminal ? await readHistory(historyFile) : [];
  const rl = createInterface({ input, output: out.io.stdout, terminal, history, historySize: 1000, removeHistoryDuplicates: true });
  const prompt = () => {
    const where = state.branches.length > 0 ? `${state.session.name} › ${current(state).name}` : state.session.name;
    rl.setPrompt(`${out.style('cyan', where)} ${out.style('bold', '›')} `);
    if (terminal) rl.prompt();
  };
  out.line(`${out.style('bold', 'Crystalyse chat')}  session ${state.session.id} (${state.session.name})  /help for commands, /quit to leave`);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    if (terminal) await appendFile(historyFile, `${line}\n`).catch(() => undefined);
    try {
      if (line.startsWith('/')) {
        if ((await slashCommand(state, line)) === 'quit') break;
      } else {
        await ask(state, line);
      }
    } catch (error) {
      out.line(`${out.style('red', 'error:')} ${error instanceof Error ? error.message : String(error)}`);
    }
    prompt();
  }
  rl.close();
}

async function ask(state: ChatState, question: string): Promise<void> {
  const { out } = state;
  const workspace = current(state);
  // What /undo goes back to: the state before this question, kept as a checkpoint (an event like any other).
  const checkpoint = `chat-undo-${workspace.revision}`;
  await workspace.saveCheckpoint(checkpoint).then(
    () => state.undo.push({ checkpoint, question }),
    () => undefined, // a name saved before (same revision) still marks this state
  );
  const spinner = out.spinner();
  spinner.start('the analyst is working…');
  let streamed = false;
  try {
    const response = await workspace.query(question, {
      onProgress: (progress) => {
        if (progress.type === 'tool_call') spinner.set(`running ${progress.tool}…`);
        if (progress.type === 'status') spinner.set(progress.message);
        if (progress.type === 'text') {
          spinner.stop();
          out.io.stdout.write(progress.delta);
          streamed = true;
        }
      },
    });
    spinner.stop();
    if (streamed) out.line();
    else out.line(response.answer ?? '(no answer)');
    const notes = [
      response.toolInvocations.length > 0 ? `tools: ${[...new Set(response.toolInvocations.map((t) => t.tool))].join(", ")}` : '',
      response.discoveries.length > 0 ? `${response.discoveries.length} discover${response.discoveries.length === 1 ? 'y' : 'ies'}` : '',
      `revision ${response.revision}`,
    ].filter(Boolean);
    out.line(out.style('dim', notes.join(' · ')));
  } finally {
    spinner.stop();
  }
}

async function readHistory(file: string): Promise<string[]> {
  try {
    // readline wants the newest first.
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean).slice(-1000).reverse();
  } catch {
    return [];
  }
}
