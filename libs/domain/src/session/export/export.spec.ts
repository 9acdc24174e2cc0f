import { ValidationError } from '../../errors.js';
import { at, command, createCommand, OWNER, play, recorded, SESSION_ID } from '../../testing/session.fixtures.js';
import { answerCommand, invocation, material, proposal } from '../../testing/agent.fixtures.js';
import { analystContext } from '../context/index.js';
import { foldSession } from '../core/decider.js';
import { eventsFromBackup, exportSession, type SessionExport } from './export.js';
import { diffSessions, isWorkspaceUnchanged } from '../time-travel/index.js';

const history = () =>
  play([
    createCommand(),
    command('StartSession', { at: at(1) }),
    command('AddContextItem', { key: 'important_finding', value: 'enhanced stability', at: at(2) }),
    command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine helps', at: at(3) }),
    command('AddTask', { taskId: 't1', title: 'conductivity', at: at(4) }),
    command('SaveCheckpoint', { name: 'after_lifepo4_analysis', at: at(5) }),
    command('SetFocus', { focus: 'LiMnPO4', at: at(6) }),
    command('CompleteTask', { taskId: 't1', at: at(7) }),
  ]);

const IMPORTER = 'user_456';
const importOptions = { newSessionId: 'sess-2', importerId: IMPORTER, at: at(60), branchIdFor: (id: string) => `copy-${id}` };
const backup = (): SessionExport => {
  const events = history();
  return JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));
};

describe('session export', () => {
  it('is a versioned document with the session, its workspace and checkpoints', () => {
    const events = history();
    const doc = exportSession(foldSession(events), recorded(events), { exportedAt: at(59) });
    expect(doc).toMatchObject({
      format: 'crystalyse.session-export',
      version: 1,
      exportedAt: at(59),
      session: { id: SESSION_ID, ownerId: OWNER, type: 'interactive', status: 'active', revision: '7', metadata: { project: 'cathode_materials_discovery' } },
      checkpoints: [{ name: 'after_lifepo4_analysis', revision: 4 }],
    });
    expect(doc.workspace.focus).toBe('LiMnPO4');
    expect(doc.workspace.contextItems).toHaveLength(1);
    expect(doc.workspace).toHaveProperty('discoveries');
    expect(doc.workspace).toHaveProperty('materials');
    expect(doc).not.toHaveProperty('events');
  });

  it('carries the agent\'s parts: turns, tool calls, materials, discoveries and their settings', () => {
    const events = play([
      command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(8) }),
      answerCommand('q1', { toolInvocations: [invocation('inv-1')], materials: [material()], discoveries: [proposal('d1')], at: at(9) }),
    ], history());
    const doc = exportSession(foldSession(events), recorded(events), { includeDiscoveries: false, exportedAt: at(59) });
    expect(doc.workspace.conversation.map((t) => t.status)).toEqual(['answered']);
    expect(doc.workspace.toolInvocations).toEqual([expect.objectContaining({ id: 'inv-1', queryId: 'q1' })]);
    expect(doc.workspace.materials?.map((m) => m.formula)).toEqual(['LiFePO4']);
    // The settings are not discoveries: they stay when discoveries are left out.
    expect(doc.workspace.discoveryConfig).toEqual(expect.objectContaining({ minConfidence: 0.75 }));
    expect(doc.workspace).not.toHaveProperty('discoveries');
  });

  it('leaves out discoveries and materials when asked', () => {
    const events = history();
    const doc = exportSession(foldSession(events), recorded(events), { includeDiscoveries: false, includeMaterials: false, exportedAt: at(59) });
    expect(doc.workspace).not.toHaveProperty('discoveries');
    expect(doc.workspace).not.toHaveProperty('discoveryLinks');
    expect(doc.workspace).not.toHaveProperty('materials');
    expect(doc.workspace).toHaveProperty('tasks');
  });

  it('includes every event with its full metadata, revisions and positions as strings', () => {
    const doc = backup();
    expect(doc.events).toHaveLength(8);
    expect(doc.events![2]).toMatchObject({
      eventId: `evt-${SESSION_ID}-2`,
      type: 'ContextItemAdded',
      revision: '2',
      position: '106',
      metadata: { actor: { userId: OWNER, via: 'api' }, occurredAt: at(2), hash: 'hash-2', prevHash: 'hash-1' },
    });
  });

  it('survives JSON: the document holds no bigint or Date', () => {
    const events = history();
    const doc = exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('session import (create from backup)', () => {
  it('makes a new session, owned by the importer, with the same workspace', () => {
    const original = foldSession(history());
    const imported = foldSession(eventsFromBackup(backup(), importOptions).map((e) => e.event));
    expect(imported).toMatchObject({ id: 'sess-2', exists: true });
    expect(imported.governance.ownerId).toBe(IMPORTER);
    expect(imported.workspace).toEqual(original.workspace);
    expect(isWorkspaceUnchanged(diffSessions(original, imported))).toBe(true);
    expect(imported.governance.checkpoints).toEqual(original.governance.checkpoints);
  });

  it('imports a session the agent worked in to the same context, without calling the analyst again', () => {
    const events = play([
      command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(8) }),
      answerCommand('q1', { toolInvocations: [invocation('inv-1')], toolStates: { composition: { last: 'LiFePO4' } }, materials: [material()], discoveries: [proposal('d1')], at: at(9) }),
    ], history());
    const doc = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));
    const imported = foldSession(eventsFromBackup(doc, importOptions).map((e) => e.event));
    expect(analystContext(imported)).toEqual(analystContext(foldSession(events)));
    expect(imported.workspace.discoveries.values()[0]!.evidence).toEqual({ queryId: 'q1', invocationIds: ['inv-1'], detail: null });
  });

  it('keeps every event\'s provenance, and closes with SessionImported', () => {
    const events = eventsFromBackup(backup(), importOptions);
    expect(events).toHaveLength(9);
    expect(events[3]!.metadata).toEqual({
      importedFrom: { sessionId: SESSION_ID, eventId: `evt-${SESSION_ID}-3`, revision: '3', actor: { userId: OWNER, via: 'api' }, occurredAt: at(3) },
      schemaVersion: 1,
    });
    expect(events[0]!.event.data).toMatchObject({ sessionId: 'sess-2', ownerId: IMPORTER, at: at() });
    expect(events[8]).toEqual({ event: { type: 'SessionImported', data: { sourceSessionId: SESSION_ID, sourceRevision: 7, at: at(60) } }, metadata: {} });
  });

  it('imports a session whose checkpoints can still be restored, and nothing else changes', () => {
    const imported = eventsFromBackup(backup(), importOptions).map((e) => e.event);
    const restored = play([command('RestoreCheckpoint', { sessionId: 'sess-2', actorId: IMPORTER, name: 'after_lifepo4_analysis', at: at(61) })], imported);
    const state = foldSession(restored);
    expect(state.workspace.focus).toBeNull();
    expect(state.workspace.tasks.values()[0]!.status).toBe('pending');
  });

  it('does not change the document it imports from', () => {
    const doc = backup();
    const copy = structuredClone(doc);
    eventsFromBackup(doc, importOptions);
    expect(doc).toEqual(copy);
  });

  describe('refuses what it cannot import, naming the field', () => {
    const refuses = (edit: (doc: Record<string, any>) => unknown, field: string, message?: RegExp): void => {
      const doc = backup() as unknown as Record<string, any>;
      const edited = edit(doc) ?? doc;
      expect(() => eventsFromBackup(edited, importOptions)).toThrow(ValidationError);
      try {
        eventsFromBackup(edited, importOptions);
      } catch (error) {
        expect((error as ValidationError).field).toBe(field);
        if (message) expect((error as Error).message).toMatch(message);
      }
    };

    it('not an object', () => refuses(() => 'text', 'format'));
    it('an unknown format', () => refuses((d) => void (d.format = 'other'), 'format'));
    it('an unknown version', () => refuses((d) => void (d.version = 2), 'version', /version 2 is not supported/));
    it('an export without events', () => refuses((d) => void delete d.events, 'events', /includeEvents/));
    it('an unknown event type', () => refuses((d) => void (d.events[3].type = 'Teleported'), 'events[3].type'));
    it('a stream that does not start with SessionCreated', () => refuses((d) => void d.events.shift(), 'events[0].type'));
    it('a gap in the revisions', () => refuses((d) => void d.events.splice(2, 1), 'events[2].revision'));
    it('an event without data', () => refuses((d) => void (d.events[1].data = null), 'events[1].data'));
    it('a bad new session id', () => {
      expect(() => eventsFromBackup(backup(), { ...importOptions, newSessionId: 'no/slash' })).toThrow(ValidationError);
    });
  });
});
