// Every projection of the product, run in-process (embedded) or by apps/worker (scaled).
import type { Projection } from './projections/projection.js';
import { checkpointsProjection } from './sessions/checkpoints.projection.js';
import { discoveriesProjection } from './sessions/discoveries.projection.js';
import { branchGraphProjection } from './sessions/branch-graph.projection.js';
import { templatesProjection } from './sessions/templates.projection.js';
import { sessionSummaryProjection } from './sessions/session-summary.projection.js';

export const ALL_PROJECTIONS: Projection<any>[] = [sessionSummaryProjection, checkpointsProjection, discoveriesProjection, branchGraphProjection, templatesProjection];
