// The routes of a session and of its branches, for tests that probe every one of them.
export type Route = [method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown];

/** Every workspace route, under /sessions/:id or /sessions/:id/branches/:branchId, with a body each would accept. */
export const WORKSPACE_ROUTES: Route[] = [
  ['GET', '/verify'],
  ['GET', '/state'],
  ['GET', '/state?at=0'],
  ['GET', '/diff?from=0&to=0'],
  ['GET', '/events'],
  ['GET', '/export?includeEvents=true'],
  ['GET', '/history'],
  ['GET', '/context'],
  ['GET', '/checkpoints'],
  ['GET', '/discoveries'],
  ['GET', '/tools'],
  ['GET', '/statistics'],
  ['POST', '/context', { key: 'probe', value: 1 }],
  ['DELETE', '/context?kind=custom'],
  ['PUT', '/context/config', { maxHistory: 10 }],
  ['PUT', '/focus', { focus: 'probe' }],
  ['POST', '/hypotheses', { statement: 'probe' }],
  ['POST', '/tasks', { title: 'probe' }],
  ['POST', '/tasks/t1/complete', {}],
  ['POST', '/checkpoints', { name: 'probe' }],
  ['POST', '/checkpoints/probe/restore', {}],
  ['POST', '/recover', {}],
  ['POST', '/queries', { text: 'Analyse LiFePO4' }],
  ['POST', '/discoveries', { type: 'stability_insight', description: 'probe', materials: ['LiFePO4'], confidence: 0.9 }],
  ['PUT', '/discoveries/config', { minConfidence: 0.5 }],
  ['POST', '/discoveries/links', { discoveryIds: ['d1', 'd2'], relationship: 'supports' }],
  ['POST', '/discoveries/d1/validate', {}],
  ['POST', '/discoveries/d1/reject', {}],
  ['POST', '/discoveries/d1/tags', { tags: ['probe'] }],
  ['POST', '/tools/invocations', { tool: 'probe', input: {}, output: {}, durationMs: 1 }],
  ['POST', '/summary', {}],
  ['POST', '/hygiene/cleanup-context', { days: 7 }],
  ['POST', '/hygiene/archive-completed-tasks', {}],
  ['POST', '/hygiene/compress-history', {}],
  ['POST', '/branches', { name: 'nested' }],
];

/** Every route under /sessions/:id/branches/:branchId. */
export const BRANCH_ROUTES: Route[] = [['GET', ''], ...WORKSPACE_ROUTES, ['POST', '/merge', { strategy: 'theirs' }], ['POST', '/discard', {}]];

/** Every route under /sessions/:id, the workspace ones included. */
export const SESSION_ROUTES: Route[] = [
  ['GET', ''],
  ['PATCH', '', { name: 'probe' }],
  ['POST', '/start', {}],
  ['POST', '/pause', {}],
  ['POST', '/resume', {}],
  ['POST', '/archive', {}],
  ['GET', '/branches'],
  ['GET', '/branches/00000000-0000-4000-8000-000000000000'],
  ...WORKSPACE_ROUTES,
];

