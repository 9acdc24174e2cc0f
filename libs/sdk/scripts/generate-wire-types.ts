// `npm run generate:sdk-types`: writes the SDK's wire types from the service's OpenAPI document.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { buildOpenApiDocument, WIRE_TYPES_PATH, wireTypesSource } from './wire-types.js';

const source = await wireTypesSource(await buildOpenApiDocument());
await writeFile(WIRE_TYPES_PATH, source, 'utf8');
console.log(`wrote ${WIRE_TYPES_PATH} (${source.length} characters)`);
process.exit(0);
