// `crystalyse import <file>`: a new session (yours) from an export made with every event.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../exit-codes.js';
import type { CliCommand } from './command.js';

export const importCommand: CliCommand = {
  name: 'import',
  register(program, ctx) {
    program
      .command('import <file>')
      .description('import a session exported with `crystalyse export` (every event decided again)')
      .action(async (file: string) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
        const session = await (await ctx.sessions()).createFromBackup(text);
        ctx.out.result({ id: session.id, name: session.name, revision: session.revision }, () => ctx.out.line(`imported as ${session.id} (${session.name}, revision ${session.revision})`));
      });
  },
};
