// The commands a session accepts: each slice's, in one union. Every command names its session,
// its actor and the time it was issued, and carries any generated id: decide never reads the
// clock or makes up an id, so deciding again (a retry, a rebase) gives the same events.
import type { BatchCommand } from '../batches/index.js';
import type { BranchCommand } from '../branches/index.js';
import type { CheckpointCommand } from '../checkpoints/index.js';
import type { DiscoveryCommand } from '../discoveries/index.js';
import type { HygieneCommand } from '../hygiene/index.js';
import type { CreateSession, GovernanceCommand, LifecycleCommand } from '../lifecycle/index.js';
import type { MembersCommand } from '../members/index.js';
import type { QueryCommand } from '../queries/index.js';
import type { SignatureCommand } from '../signatures/index.js';
import type { ScheduleCommand } from '../schedules/index.js';
import type { SummaryCommand } from '../summaries/index.js';
import type { WorkspaceCommand } from '../workspace/index.js';

export type { CommandBase } from './command-base.js';

export type SessionCommand =
  | CreateSession
  | LifecycleCommand
  | GovernanceCommand
  | WorkspaceCommand
  | CheckpointCommand
  | QueryCommand
  | DiscoveryCommand
  | SummaryCommand
  | BranchCommand
  | HygieneCommand
  | SignatureCommand
  | MembersCommand
  | BatchCommand
  | ScheduleCommand;
export type SessionCommandType = SessionCommand['type'];
