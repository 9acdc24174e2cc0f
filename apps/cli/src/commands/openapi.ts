// `crystalyse openapi`: the service's OpenAPI document (JSON), without starting a server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliCommand } from './command.js';

export const openapiCommand: CliCommand = {
  name: 'openapi',
  register(program, ctx) {
    program
      .command('openapi')
      .description("print the service's OpenAPI document")
      .action(async () => {
        const { configFromEnv } = await import('../../../api/src/config/app-config.js');
        const { createApp } = await import('../../../api/src/create-app.js');
        const { openApiDocument } = await import('../../../api/src/openapi/openapi-document.js');
        const dataDir = await mkdtemp(join(tmpdir(), 'crystalyse-openapi-'));
        const app = await createApp({ ...configFromEnv({}), dataDir, quiet: true });
        try {
          await app.init();
          ctx.out.line(JSON.stringify(openApiDocument(app), null, 2));
        } finally {
          await app.close();
          await rm(dataDir, { recursive: true, force: true });
        }
      });
  },
};
