// `crystalyse verify <id>`: checks a session's hash chain; exit 1 when it is broken.
import { CommandFailed } from '../exit-codes.js';
import type { CliCommand } from './command.js';

export const verifyCommand: CliCommand = {
  name: 'verify',
  register(program, ctx) {
    program
      .command('verify <id>')
      .description("check a session's hash chain (exit 1 when broken)")
      .action(async (id: string) => {
        const session = await (await ctx.sessions()).loadSession(id, { lazyLoad: true });
        const result = await session.verify();
        ctx.out.result(result, () => {
          if (result.ok) ctx.out.line(`${ctx.out.style('green', 'ok')}  ${result.eventsChecked} events, head ${result.headHash}`);
          else ctx.out.line(`${ctx.out.style('red', 'broken')}  ${JSON.stringify(result)}`);
        });
        if (!result.ok) throw new CommandFailed(`the hash chain of ${id} is broken`);
      });
  },
};
