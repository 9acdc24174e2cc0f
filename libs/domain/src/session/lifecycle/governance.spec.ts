import { SessionNotFound, ValidationError } from '../../errors.js';
import { command, createCommand, created, event, given, HISTORY_FOR_STATUS, OWNER, SESSION_ID, STRANGER } from '../../testing/session.fixtures.js';
import { assertCanRead, canRead, permissionsOf } from '../core/access.js';
import type { SessionCommand } from '../core/commands.js';
import { sessionDecider } from '../core/decider.js';
import { isSessionStream, parseSessionStream, sessionStream } from '../core/stream.js';

const stateOf = (events = [created()]) => events.reduce(sessionDecider.evolve, sessionDecider.initialState());

describe('session governance', () => {
  describe('rename', () => {
    it('renames, trimming the name', () => {
      given([created()]).when(command('RenameSession', { name: '  solid_state  ' })).then([event('SessionRenamed', { name: 'solid_state' })]);
    });

    it('appends nothing when the name does not change', () => {
      given([created()]).when(command('RenameSession', { name: 'battery_materials_project' })).then([]);
    });

    it.each([[''], ['   '], ['x'.repeat(201)], [42]])('refuses the name %p', (name) => {
      given([created()]).when(command('RenameSession', { name: name as string })).thenThrows(ValidationError, (e) => expect(e.field).toBe('name'));
    });

    it('accepts a name of exactly 200 characters', () => {
      given([created()]).when(command('RenameSession', { name: 'n'.repeat(200) })).thenState((s) => expect(s.governance.name).toHaveLength(200));
    });
  });

  describe('update metadata', () => {
    it('records only the keys that change', () => {
      given([created()])
        .when(command('UpdateSessionMetadata', { set: { phase: 'synthesis', project: 'cathode_materials_discovery', lab: 'B2' } }))
        .then([event('SessionMetadataUpdated', { set: { phase: 'synthesis', lab: 'B2' }, removed: [] })]);
    });

    it('removes keys, and ignores keys that are not there', () => {
      given([created()]).when(command('UpdateSessionMetadata', { remove: ['phase', 'nope'] })).thenState((state, events) => {
        expect(events).toEqual([event('SessionMetadataUpdated', { set: {}, removed: ['phase'] })]);
        expect(state.governance.metadata).toEqual({ project: 'cathode_materials_discovery' });
      });
    });

    it('appends nothing when nothing changes', () => {
      given([created()]).when(command('UpdateSessionMetadata', { set: { phase: 'structure_optimization' } })).then([]);
    });

    it('refuses a key both set and removed', () => {
      given([created()]).when(command('UpdateSessionMetadata', { set: { a: 1 }, remove: ['a'] })).thenThrows(ValidationError, /both set and removed/);
    });

    it('refuses an empty update', () => {
      given([created()]).when(command('UpdateSessionMetadata', {})).thenThrows(ValidationError, (e) => expect(e.field).toBe('set'));
    });

    it('refuses to grow past 50 keys', () => {
      const set = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, i]));
      given([created()]).when(command('UpdateSessionMetadata', { set })).thenThrows(ValidationError, /at most 50 keys/);
    });
  });

  describe('validation on create', () => {
    const refuses = (data: Parameters<typeof createCommand>[0], field: string): void => {
      given([]).when(createCommand(data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    };

    it('refuses a type outside the enum', () => refuses({ sessionType: 'chat' as never }, 'sessionType'));
    it('refuses an empty name', () => refuses({ name: '' }, 'name'));
    it('refuses metadata that is not an object', () => refuses({ metadata: ['a'] as never }, 'metadata'));
    it('refuses metadata nested too deeply', () => refuses({ metadata: { a: { b: { c: { d: 1 } } } } }, 'metadata'));
    it('refuses a metadata key outside the pattern', () => refuses({ metadata: { 'a b': 1 } }, 'metadata.a b'));
    it('refuses a __proto__ metadata key', () => refuses({ metadata: JSON.parse('{"__proto__": 1}') }, 'metadata.__proto__'));
    it('refuses non-JSON metadata values', () => refuses({ metadata: { when: new Date() as never } }, 'metadata'));
    it('refuses infinite numbers', () => refuses({ metadata: { x: Infinity } }, 'metadata'));
    it('refuses a configuration that is not an object', () => refuses({ config: 'fast' as never }, 'config'));
    it('refuses a time without a zone', () => refuses({ at: '2026-01-15 09:00' }, 'at'));
    it('refuses an empty actor', () => refuses({ actorId: '' }, 'actorId'));
    it('refuses a session id unfit for a stream name', () => refuses({ sessionId: 'a/b' }, 'sessionId'));

    it('accepts shallow metadata with arrays and numbers', () => {
      given([]).when(createCommand({ metadata: { project: 'p', tags: ['olivine', 'LFP'], budget: { hours: 10 } } })).thenState((s) =>
        expect(s.governance.metadata).toEqual({ project: 'p', tags: ['olivine', 'LFP'], budget: { hours: 10 } }),
      );
    });
  });

  describe('access: only the owner may see or change a session', () => {
    const everyCommand: SessionCommand[] = [
      command('StartSession'),
      command('RenameSession', { name: 'x' }),
      command('UpdateSessionMetadata', { set: { a: 1 } }),
      command('AddContextItem', { key: 'k', value: 1 }),
      command('SetFocus', { focus: 'f' }),
      command('AddTask', { taskId: 't', title: 't' }),
      command('SaveCheckpoint', { name: 'cp' }),
      command('RecoverFromCheckpoint'),
    ];

    it.each(everyCommand.map((c) => [c.type, c] as const))('refuses %s from someone else as if the session did not exist', (_type, c) => {
      const error = given([created()]).when({ ...c, data: { ...c.data, actorId: STRANGER } } as SessionCommand).thenThrows(SessionNotFound);
      const unknown = given([]).when(c).thenThrows(SessionNotFound);
      expect(error.message).toBe(unknown.message);
      expect(error.message).not.toMatch(/battery|created/);
    });

    it('checks access before status: a stranger does not learn that a session is archived', () => {
      given(HISTORY_FOR_STATUS.archived()).when(command('ResumeSession', { actorId: STRANGER })).thenThrows(SessionNotFound);
    });

    it('refuses any command on a session that does not exist', () => {
      given([]).when(command('StartSession')).thenThrows(SessionNotFound, `session ${SESSION_ID} not found`);
    });

    it('reads: the owner holds every permission, anyone else none', () => {
      const state = stateOf();
      expect(permissionsOf(state, OWNER)).toEqual(['read', 'comment', 'write', 'add_materials', 'manage', 'share']);
      expect(canRead(state, STRANGER)).toBe(false);
      expect(() => assertCanRead(state, SESSION_ID, STRANGER)).toThrow(SessionNotFound);
      expect(() => assertCanRead(stateOf([]), SESSION_ID, OWNER)).toThrow(SessionNotFound);
      expect(() => assertCanRead(state, SESSION_ID, OWNER)).not.toThrow();
    });

    it('treats a command routed to the wrong stream as a bug, not a user error', () => {
      expect(() => sessionDecider.decide(command('StartSession', { sessionId: 'other' }), { ...stateOf(), id: SESSION_ID })).toThrow(/decided on session/);
    });
  });

  describe('stream names', () => {
    it('maps a session id to its stream and back', () => {
      expect(sessionStream('abc')).toBe('session-abc');
      expect(parseSessionStream('session-abc')).toBe('abc');
      expect(parseSessionStream('branch-abc')).toBeNull();
      expect(parseSessionStream('session-')).toBeNull();
      expect(isSessionStream('snapshot-session-abc')).toBe(false);
    });
  });
});
