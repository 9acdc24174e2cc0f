// `crystalyse check [--full] [--file <events.db>]`: is the embedded event store's file whole? The
// start-up check, offline (libs/event-store/src/integrity): exit 0 when whole, 2 when damaged,
// 1 when there is no file.
import { runCheckCommand } from '@crystalyse/event-store';
import { CommandFailed } from '../exit-codes.js';
import type { CliCommand } from './command.js';

export const checkCommand: CliCommand = {
  name: 'check',
  register(program, ctx) {
    program
      .command('check')
      .description('check the event store file offline (exit 2 when damaged)')
      .option('--full', 'also run integrity_check and re-hash every chain')
      .option('--file <path>', 'the events.db to check (default: <data dir>/events.db)')
      .action((options: { full?: boolean; file?: string }) => {
        const args = [...(options.full ? ['--full'] : []), ...(options.file ? ['--file', options.file] : []), ...(ctx.options.json ? ['--json'] : [])];
        const code = runCheckCommand(args, ctx.dataDir, { log: (line) => ctx.out.line(line), error: (line) => console.error(line) });
        if (code !== 0) throw new CommandFailed(code === 2 ? 'the event store file is damaged' : 'no event store file to check', code);
      });
  },
};
