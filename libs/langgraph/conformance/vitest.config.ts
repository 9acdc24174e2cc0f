// LangGraph's own conformance suite for checkpointers runs on Vitest (`npm run test:langgraph`,
// part of `npm test`). The aliases mirror tsconfig.json's paths.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@crystalyse/event-store': lib('event-store/src/index.ts'),
      '@crystalyse/langgraph-checkpoint': lib('langgraph/src/index.ts'),
    },
  },
  test: {
    root: lib('langgraph/conformance'),
    include: ['**/*.vitest.ts'],
    // The suite is written against Vitest's globals (describe, it, expect, beforeAll).
    globals: true,
    testTimeout: 30_000,
  },
});
