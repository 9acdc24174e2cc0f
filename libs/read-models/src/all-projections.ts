// Every projection of the product, run in-process (embedded) or by apps/worker (scaled). A
// function: the session-state projection keeps states in memory, one set per engine.
import type { AnyProjection } from './projections/projection.js';
import { checkpointsProjection } from './sessions/checkpoints.projection.js';
import { discoveriesProjection } from './sessions/discoveries.projection.js';
import { branchGraphProjection } from './sessions/branch-graph.projection.js';
import { templatesProjection } from './sessions/templates.projection.js';
import { SessionStateProjection } from './sessions/session-state.projection.js';
import { questionsProjection } from './sessions/questions.projection.js';
import { schedulesProjection } from './sessions/schedules.projection.js';
import { commentsProjection, contributionsProjection, membershipsProjection } from './sessions/collaboration.projection.js';

export const allProjections = (): AnyProjection[] => [
  new SessionStateProjection(), questionsProjection, checkpointsProjection, discoveriesProjection, branchGraphProjection, templatesProjection,
  contributionsProjection, commentsProjection, membershipsProjection, schedulesProjection,
];
