// `crystalyse diff <id> <a> <b>`: what changed between two revisions or times.
import { revisionOrInstant, type CliCommand } from './command.js';

export const diffCommand: CliCommand = {
  name: 'diff',
  register(program, ctx) {
    program
      .command('diff <id> <a> <b>')
      .description('what changed in a session between two revisions or times')
      .action(async (id: string, a: string, b: string) => {
        const from = revisionOrInstant(a, 'a');
        const to = revisionOrInstant(b, 'b');
        const session = await (await ctx.sessions()).loadSession(id, { lazyLoad: true });
        const diff = await session.diff(from, to);
        ctx.out.result(diff, () => ctx.out.line(JSON.stringify(diff, null, 2)));
      });
  },
};
