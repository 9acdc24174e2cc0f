// THE permission table: which operation needs which permission. One table for every way in: the
// REST guard resolves `@Requires(operation)` here, decide checks each command against the
// operation that lists it, and GraphQL, SSE, MCP and the SDK read the same table (exported from
// @crystalyse/domain). An operation is one thing a caller does to a session; the endpoints that
// do it name it. Nothing else in the code decides who may do what.
//
// Permissions (DESIGN.md, "Identity and access"; docs/collaboration.md):
//   read           see the session: detail, history, events, exports, time travel, members
//   comment        comment on turns and discoveries
//   write          queries, context, discoveries, checkpoints, branches (fork), hygiene
//   add_materials  record materials from tool runs
//   manage         members, lifecycle, restore, merge, discard, templates from the session
//   share          share links and their access log
// The owner holds every permission; a member holds `read` with whatever else they were given.
import type { SessionCommandType } from './commands.js';
import type { Permission } from './state.js';

export interface OperationRule {
  permission: Permission;
  /** What the operation covers, for people and for generated docs. */
  summary: string;
  /** The session commands it issues: decide checks each against this permission. */
  commands?: readonly Exclude<SessionCommandType, 'CreateSession'>[];
}

export const OPERATIONS = {
  readSession: { permission: 'read', summary: 'detail, state, history, events, diff, verify, export, context, tools, statistics, checkpoints, branches, discoveries, members, contributions' },
  comment: { permission: 'comment', summary: 'comment on a turn or a discovery', commands: ['AddComment'] },
  askQuery: { permission: 'write', summary: 'ask the agent; its answer, tool calls and discoveries are recorded', commands: ['AskQuery', 'RecordAnswer', 'FailQuery'] },
  editContext: {
    permission: 'write',
    summary: 'context items, context config, focus, hypotheses, tasks',
    commands: ['ConfigureContext', 'AddContextItem', 'RemoveContextItem', 'ClearContext', 'SetFocus', 'AddHypothesis', 'AddTask', 'CompleteTask'],
  },
  editDiscoveries: {
    permission: 'write',
    summary: 'record, link, validate, reject, tag, pin discoveries; discovery settings',
    commands: ['ConfigureDiscoveries', 'RecordDiscovery', 'LinkDiscoveries', 'ValidateDiscovery', 'RejectDiscovery', 'TagDiscovery', 'PinDiscovery', 'UnpinDiscovery'],
  },
  summarise: { permission: 'write', summary: 'history and session summaries', commands: ['SummariseHistory', 'RecordSummary'] },
  saveCheckpoint: { permission: 'write', summary: 'save a checkpoint', commands: ['SaveCheckpoint'] },
  forkBranch: { permission: 'write', summary: 'fork a branch and work in it', commands: ['CreateBranch', 'ForkBranch'] },
  hygiene: { permission: 'write', summary: 'clean up context, compress history, archive completed tasks', commands: ['CleanupOldContext', 'ArchiveCompletedTasks'] },
  addMaterials: { permission: 'add_materials', summary: 'record a tool run and the materials it found', commands: ['RecordToolInvocation'] },
  lifecycle: {
    permission: 'manage',
    summary: 'start, pause, resume, archive, rename, metadata',
    commands: ['StartSession', 'PauseSession', 'ResumeSession', 'ArchiveSession', 'RenameSession', 'UpdateSessionMetadata'],
  },
  restore: { permission: 'manage', summary: 'restore or recover from a checkpoint', commands: ['RestoreCheckpoint', 'RecoverFromCheckpoint'] },
  mergeBranch: { permission: 'manage', summary: 'merge or discard a branch', commands: ['MergeBranch', 'DiscardBranch'] },
  manageMembers: { permission: 'manage', summary: "add members, change their permissions, remove them", commands: ['SetMemberPermissions', 'RemoveMember'] },
  templateFromSession: { permission: 'manage', summary: 'save a template from the session' },
  agentItems: { permission: 'write', summary: "an agent framework's conversation memory for the session (agent items): add, pop, clear" },
  sign: { permission: 'write', summary: 'sign a checkpoint or a discovery (an electronic signature)', commands: ['RecordSignature'] },
  runBatch: {
    permission: 'write',
    summary: 'a batch: its plan and the progress its runner records',
    commands: ['PlanBatch', 'StartBatchItem', 'RecordBatchItemAnswered', 'FailBatchItem', 'CompleteBatch'],
  },
  controlBatch: { permission: 'manage', summary: 'pause or resume a batch', commands: ['PauseBatch', 'ResumeBatch'] },
  configureAutosave: { permission: 'manage', summary: 'autosave settings', commands: ['ConfigureAutosave'] },
  scheduledSave: { permission: 'write', summary: 'scheduled checkpoints (research periods, autosave) and the end of research', commands: ['SaveScheduledCheckpoint', 'EndResearch'] },
  share: { permission: 'share', summary: 'create, list and revoke share links; read the access log', commands: ['CreateShareLink', 'RevokeShareLink'] },
} as const satisfies Readonly<Record<string, OperationRule>>;

export type Operation = keyof typeof OPERATIONS;

export const isOperation = (name: string): name is Operation => Object.hasOwn(OPERATIONS, name);

export const permissionFor = (operation: Operation): Permission => OPERATIONS[operation].permission;

type Listed = (typeof OPERATIONS)[Operation] extends infer R ? (R extends { commands: readonly (infer C)[] } ? C : never) : never;
// Every command of a session is listed under an operation (a new command fails to compile here until it is).
const everyCommandListed: [Exclude<Exclude<SessionCommandType, 'CreateSession'>, Listed>] extends [never] ? true : never = true;
void everyCommandListed;

const BY_COMMAND: ReadonlyMap<string, Operation> = (() => {
  const map = new Map<string, Operation>();
  for (const [operation, rule] of Object.entries(OPERATIONS) as Array<[Operation, OperationRule]>) {
    for (const command of rule.commands ?? []) {
      if (map.has(command)) throw new Error(`Command ${command} is listed under two operations`);
      map.set(command, operation);
    }
  }
  return map;
})();

/** The operation a command belongs to. */
export function operationOfCommand(type: Exclude<SessionCommandType, 'CreateSession'>): Operation {
  const operation = BY_COMMAND.get(type);
  if (!operation) throw new Error(`Command ${type} is in no operation of the permission table`);
  return operation;
}

export const permissionForCommand = (type: Exclude<SessionCommandType, 'CreateSession'>): Permission => permissionFor(operationOfCommand(type));
