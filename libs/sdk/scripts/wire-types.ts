// The SDK's wire types, generated from the service's OpenAPI document with openapi-typescript.
// The document is built from an application created without listening (on a throw-away data
// directory), so generating needs no running service. `npm run generate:sdk-types` writes
// libs/sdk/src/generated/openapi.ts; test/e2e/sdk-wire-types.e2e-spec.ts fails when it is stale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { configFromEnv } from '../../../apps/api/src/config/app-config.js';
import { createApp } from '../../../apps/api/src/create-app.js';
import { openApiDocument } from '../../../apps/api/src/openapi/openapi-document.js';

export const WIRE_TYPES_PATH = 'libs/sdk/src/generated/openapi.ts';

const HEADER = `// Generated from the service's OpenAPI document by openapi-typescript: do not edit.
// Regenerate with \`npm run generate:sdk-types\` (a test fails when this file is not current).
`;

/** The service's OpenAPI document, from an application that never listens. */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-openapi-'));
  const app = await createApp({ ...configFromEnv({}), dataDir, quiet: true });
  try {
    await app.init();
    return JSON.parse(JSON.stringify(openApiDocument(app))) as Record<string, unknown>;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The TypeScript text of the wire types for a document. */
export async function wireTypesSource(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true, silent: true });
  return HEADER + astToString(ast);
}
