// `crystalyse chat [sessionId]`: the interactive REPL (chat/repl.ts) on a session, a new one by default.
import type { Readable } from 'node:stream';
import { runRepl } from '../chat/repl.js';
import type { CliCommand } from './command.js';

export const chatCommand: CliCommand = {
  name: 'chat',
  register(program, ctx) {
    program
      .command('chat [sessionId]')
      .description('chat with the analyst in a session (a new one unless an id is given); /help inside')
      .option('--name <name>', 'the name of a new session')
      .action(async (sessionId: string | undefined, options: { name?: string }) => {
        const manager = await ctx.sessions();
        const session = sessionId
          ? await manager.loadSession(sessionId, { lazyLoad: true })
          : await manager.createSession({ name: options.name ?? `chat ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` });
        const input = (ctx.io.stdin ?? process.stdin) as Readable;
        await runRepl({ manager, session, branches: [], undo: [], out: ctx.out }, input, ctx.env);
      });
  },
};
