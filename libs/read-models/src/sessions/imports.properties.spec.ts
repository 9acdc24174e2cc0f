// Issue 15, without I/O and with many runs: a backup edited at random is either refused with a
// ValidationError (never another error), or every event it imports is one every projection can
// apply, the copy's branch documents are its own, each question it left pending can be failed
// (what recovery does on a restart), and the copy can be backed up and imported again.
import fc from 'fast-check';
import type { RecordedEvent } from '@crystalyse/event-store';
import {
  decideSession,
  eventsFromBackup,
  exportSession,
  foldSession,
  pendingQueries,
  ValidationError,
  type SessionEvent,
} from '@crystalyse/domain';
import { answerCommand, invocation, material, proposal } from '../../../domain/src/testing/agent.fixtures.js';
import { backupEdits, editEvents, type ExportedEventLike } from '../../../domain/src/testing/backup-edits.js';
import { forkSession, mergeCommand, playOn } from '../../../domain/src/testing/branch.fixtures.js';
import { at, command, createCommand, play, recorded } from '../../../domain/src/testing/session.fixtures.js';
import { allProjections } from '../all-projections.js';
import { isStateful } from '../projections/projection.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { foldBatch } from '../projections/fold-batch.js';
import { BRANCHES_COLLECTION } from './branch-graph.projection.js';

const COPY = 'copy';
const options = { newSessionId: COPY, importerId: 'importer', at: at(200), branchIdFor: (id: string) => `copy-${id}` };

/** A session the agent worked in, with archived tasks, a checkpoint, a merged branch and a question left pending. */
function source(): SessionEvent[] {
  const session = play([
    createCommand(),
    command('AddContextItem', { key: 'important_finding', value: 'olivine is stable', at: at(1) }),
    command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(2) }),
    answerCommand('q1', { toolInvocations: [invocation('inv-1')], toolStates: { composition: { last: 'LiFePO4' } }, materials: [material()], discoveries: [proposal('d1')], at: at(3) }),
    command('AddTask', { taskId: 't1', title: 'measure', at: at(4) }),
    command('CompleteTask', { taskId: 't1', at: at(5) }),
    command('ArchiveCompletedTasks', { at: at(6) }),
    command('SaveCheckpoint', { name: 'cp1', at: at(7) }),
  ]);
  const { parent, branch, base } = forkSession(session, { minute: 8 });
  const worked = playOn(base, [command('AskQuery', { queryId: 'qb', text: 'What about LiMn2O4?', at: at(9) }), answerCommand('qb', { at: at(10) })], branch);
  return play([mergeCommand(parent, worked, base, 'merge', 11), command('AskQuery', { queryId: 'q-pending', text: 'Analyse NaCl', at: at(12) })], parent);
}

const backupOf = (events: SessionEvent[]) => JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(100) })));
const SOURCE = backupOf(source());

function asRecorded(imported: ReturnType<typeof eventsFromBackup>): RecordedEvent[] {
  return imported.map(({ event, metadata }, i) => ({
    eventId: `e${i}`, streamId: `session-${COPY}`, type: event.type, data: event.data,
    metadata: { actor: { userId: 'importer', via: 'api' }, occurredAt: at(200), correlationId: 'c', causationId: 'c', schemaVersion: 1, ...metadata },
    revision: BigInt(i), position: BigInt(1000 + i), created: at(200),
  }));
}

describe('importing random edits of a backup (pure)', () => {
  it('refuses with a ValidationError, or imports what every projection applies, touching only the copy', async () => {
    let accepted = 0;
    const store = new SqliteDocumentStore({ filename: ':memory:' });
    await fc.assert(
      fc.asyncProperty(backupEdits, async (edits) => {
        const events = editEvents(SOURCE.events as ExportedEventLike[], edits, 'br-foreign', 'q-pending');
        let imported: ReturnType<typeof eventsFromBackup>;
        try {
          imported = eventsFromBackup({ ...SOURCE, events }, options);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        accepted++;
        const stream = asRecorded(imported);
        for (const projection of allProjections()) {
          const events = stream.filter((e) => projection.handles.includes(e.type));
          const { failed, writes } = isStateful(projection) ? await projection.fold(events, store) : foldBatch(projection, events, []);
          expect(failed).toEqual([]);
          if (!isStateful(projection) && projection.collection === BRANCHES_COLLECTION) {
            for (const write of writes) expect(write).toMatchObject({ kind: 'put', document: { sessionId: COPY, branchId: expect.stringMatching(/^copy-/) } });
          }
        }
        const state = foldSession(imported.map((e) => e.event));
        // What recovery does after a restart: each pending question of a session it reaches can be failed.
        if (state.governance.status !== 'archived') {
          for (const turn of pendingQueries(state)) {
            expect(() => decideSession({ type: 'FailQuery', data: { sessionId: COPY, actorId: 'importer', at: at(300), queryId: turn.id, reason: 'interrupted', retryable: true } }, state)).not.toThrow();
          }
        }
        const again = backupOf(imported.map((e) => e.event));
        expect(() => eventsFromBackup(again, { ...options, newSessionId: 'copy-2' })).not.toThrow();
      }),
      { numRuns: 500 },
    );
    await store.close();
    expect(accepted).toBeGreaterThan(50);
  });
});
