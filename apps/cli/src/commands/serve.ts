// `crystalyse serve`: the API on a port (what `npm start` runs), until Ctrl-C or SIGTERM.
import { configFromEnv } from '../../../api/src/config/app-config.js';
import { serve } from '../../../api/src/serve.js';
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
        const app = await serve(configFromEnv(env), (line) => ctx.out.line(line));
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await app.close();
      });
  },
};
