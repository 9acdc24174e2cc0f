// `crystalyse export <id> [--out file]`: a backup with every event (what `import` takes).
import { writeFile } from 'node:fs/promises';
import type { CliCommand } from './command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  register(program, ctx) {
    program
      .command('export <id>')
      .description('export a session with every event (a backup `import` takes); stdout unless --out')
      .option('--out <file>', 'write to this file')
      .action(async (id: string, options: { out?: string }) => {
        const session = await (await ctx.sessions()).loadSession(id, { lazyLoad: true });
        const doc = await session.export({ includeEvents: true, includeDiscoveries: true, includeMaterials: true });
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (options.out === undefined) {
          ctx.out.io.stdout.write(text);
          return;
        }
        await writeFile(options.out, text, 'utf8');
        const events = (doc as { events?: unknown[] }).events?.length ?? 0;
        ctx.out.result({ id, out: options.out, events }, () => ctx.out.line(`exported ${id} (${events} events) to ${options.out}`));
      });
  },
};
