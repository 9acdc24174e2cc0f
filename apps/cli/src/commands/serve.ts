// `crystalyse serve`: the API on a port (what `npm start` runs), until Ctrl-C or SIGTERM.
import { configFromEnv } from '../../../api/src/config/app-config.js';
import { serve } from '../../../api/src/serve.js';
import { StoreDamaged } from '../../../api/src/infrastructure/store-integrity.js';
import { CommandFailed } from '../exit-codes.js';
import type { CliCommand } from './command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, ctx) {
    program
      .command('serve')
      .description('run the API (embedded storage unless EVENTSTORE_URL / MONGODB_URL are set)')
      .option('--port <port>', 'port (or PORT; default 3000)')
      .option('--host <host>', 'interface (or HOST; default 127.0.0.1)')
      .action(async (options: { port?: string; host?: string }) => {
        const env: NodeJS.ProcessEnv = { ...ctx.env, ...(options.port ? { PORT: options.port } : {}), ...(options.host ? { HOST: options.host } : {}) };
        if (ctx.options.dataDir) env.CRYSTALYSE_DATA_DIR = ctx.options.dataDir;
        // A damaged event store the service must not start on: its report, exit 2 (as main.js).
        const app = await serve(configFromEnv(env), (line) => ctx.out.line(line)).catch((error: unknown) => {
          throw error instanceof StoreDamaged ? new CommandFailed(error.message, 2) : error;
        });
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await app.close();
      });
  },
};
