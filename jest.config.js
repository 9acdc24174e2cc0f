// Jest runs in ESM mode because NestJS 12 ships ES modules only (see STACK-NOTES).
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // The one package whose name is not its folder's (it says what it is: a LangGraph checkpointer).
    '^@crystalyse/langgraph-checkpoint$': '<rootDir>/libs/langgraph/src/index.ts',
    '^@crystalyse/openai-agents-session$': '<rootDir>/libs/openai-agents/src/index.ts',
    '^@crystalyse/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    // content-disposition 3 and cookie 2 are ES-only but required() by CommonJS packages.
    '^.+/node_modules/(content-disposition|cookie)/.+\\.js$': '<rootDir>/test/support/esm-to-cjs.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  setupFilesAfterEnv: ['<rootDir>/test/support/items-equality.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
