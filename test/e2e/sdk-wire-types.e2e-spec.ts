// The SDK's wire types must be the ones the service's OpenAPI document gives today: a controller or
// DTO changed without `npm run generate:sdk-types` fails here (and so in CI).
import { readFile } from 'node:fs/promises';
import { buildOpenApiDocument, WIRE_TYPES_PATH, wireTypesSource } from '../../libs/sdk/scripts/wire-types.js';

describe('libs/sdk/src/generated/openapi.ts', () => {
  it('is current with the service (else run npm run generate:sdk-types)', async () => {
    const document = await buildOpenApiDocument();
    expect(Object.keys(document.paths as object)).toContain('/v1/sessions');
    const expected = await wireTypesSource(document);
    const actual = await readFile(WIRE_TYPES_PATH, 'utf8');
    // A short message, not a 3,000-line diff, when it is stale.
    if (actual !== expected) throw new Error(`${WIRE_TYPES_PATH} is not current with the service's OpenAPI document: run \`npm run generate:sdk-types\` and commit the result`);
    expect(actual).toContain('CreateSessionDto');
  });
});
