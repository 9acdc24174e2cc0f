// `crystalyse replay <id> --at <revision|time>`: the session as it was.
import { UsageError } from '../exit-codes.js';
import { revisionOrInstant, type CliCommand } from './command.js';

export const replayCommand: CliCommand = {
  name: 'replay',
  register(program, ctx) {
    program
      .command('replay <id>')
      .description('the session as it was at a revision or a time (time travel)')
      .option('--at <revision|time>', 'a revision number or an ISO 8601 time')
      .action(async (id: string, options: { at?: string }) => {
        if (options.at === undefined) throw new UsageError('replay needs --at <revision|time>');
        const at = revisionOrInstant(options.at, '--at');
        const session = await (await ctx.sessions()).loadSession(id, { lazyLoad: true });
        const state = await session.stateAt(at);
        ctx.out.result(state, () => {
          const governance = state.governance as { name?: unknown; status?: unknown };
          ctx.out.fields({ session: state.id, revision: state.atRevision, events: state.eventCount, name: governance.name, status: governance.status });
          ctx.out.line(JSON.stringify(state, null, 2));
        });
      });
  },
};
