import { AlreadyExists, DomainError, NotFound, ValidationError } from '../errors.js';
import { specFor } from '../testing/decider-spec.js';
import { at, command, createCommand, OWNER, play, SESSION_ID, STRANGER } from '../testing/session.fixtures.js';
import { foldSession } from '../session/core/decider.js';
import { BUILT_IN_TEMPLATES } from './template.built-in.js';
import { templateContentFrom } from './template.content.js';
import { findTemplateVersion, foldTemplate, requireTemplateContent, templateDecider } from './template.decider.js';
import type { SaveTemplate, TemplateEvent } from './template.events.js';
import { legacyTemplateStream, parseTemplateStream, templateStream, type TemplateContent } from './template.state.js';

const given = specFor(templateDecider);

const session = () =>
  foldSession(play([
    createCommand({ name: 'solid state battery screening' }),
    command('AddContextItem', { key: 'application', value: 'solid state battery' }),
    command('SetFocus', { focus: 'perovskite electrolytes for solid state battery' }),
    command('AddHypothesis', { hypothesisId: 'h1', statement: 'Li-rich perovskites conduct well' }),
    command('AddTask', { taskId: 't1', title: 'Screen perovskite candidates for {{application}}' }),
  ]));

const extracted = () => templateContentFrom(session(), { application: 'solid state battery' });

const save = (data?: Partial<SaveTemplate['data']>): SaveTemplate => ({
  type: 'SaveTemplate',
  data: { actorId: OWNER, at: at(), name: 'my_materials_screening_workflow', fromSessionId: SESSION_ID, ...extracted(), ...data },
});

const saved = (version: number, data?: Partial<Extract<TemplateEvent, { type: 'TemplateSaved' }>['data']>): TemplateEvent => ({
  type: 'TemplateSaved',
  data: { name: 'my_materials_screening_workflow', version, fromSessionId: SESSION_ID, savedBy: OWNER, ...extracted(), at: at(), ...data },
});

describe('templates', () => {
  describe('save', () => {
    it('records version 1 with the content and its parameters; the saver owns the template', () => {
      given([]).when(save()).thenState((state, events) => {
        expect(events).toEqual([saved(1)]);
        expect(state).toMatchObject({ name: 'my_materials_screening_workflow', exists: true, ownerId: OWNER });
        expect(state.versions[0]).toMatchObject({ version: 1, savedAt: at(), savedBy: OWNER, fromSessionId: SESSION_ID, parameters: ['application'] });
        expect(state.versions[0]!.content.focus).toBe('perovskite electrolytes for {{application}}');
      });
    });

    it('saving again makes a new version and keeps the old ones', () => {
      given([saved(1)]).when(save({ at: at(5) })).thenState((state, events) => {
        expect(events).toEqual([saved(2, { at: at(5) })]);
        expect(state.versions.map((v) => v.version)).toEqual([1, 2]);
      });
    });

    it('treats another user\'s save on an owner\'s stream as a routing bug, not a user error that would reveal the name', () => {
      const error = given([saved(1)]).when(save({ actorId: STRANGER })).thenThrows(Error, /of another owner/);
      expect(error).not.toBeInstanceOf(DomainError);
    });

    it('keeps built-in names', () => {
      given([]).when(save({ name: 'materials_discovery_workflow' })).thenThrows(AlreadyExists, 'template materials_discovery_workflow already exists');
    });

    it.each([['My_Template'], ['1st'], ['with-dash'], ['a'.repeat(101)], ['']])('refuses the name %p', (name) => {
      given([]).when(save({ name })).thenThrows(ValidationError, (e) => expect(e.field).toBe('name'));
    });

    it('refuses content whose placeholders and parameters disagree', () => {
      given([]).when(save({ parameters: [] })).thenThrows(ValidationError, 'the content uses {{application}}: declare it as a parameter');
      given([]).when(save({ parameters: ['application', 'extra'] })).thenThrows(ValidationError, 'parameter extra appears nowhere in the content');
    });

    it('refuses content no session could be made from, naming the field', () => {
      const { content, parameters } = extracted();
      const badKey: TemplateContent = { ...content, contextItems: [{ key: 'a b', value: 1, kind: 'custom' }] };
      given([]).when(save({ content: badKey, parameters })).thenThrows(ValidationError, (e) => expect(e.field).toBe('content.contextItems[0].key'));
      given([]).when(save({ content: { ...content, focus: 'x'.repeat(1001) }, parameters })).thenThrows(ValidationError, (e) => expect(e.field).toBe('content.focus'));
      given([]).when(save({ content: { ...content, hypotheses: [42] } as never, parameters })).thenThrows(ValidationError, (e) => expect(e.field).toBe('content.hypotheses[0]'));
      given([]).when(save({ content: 'everything' as never })).thenThrows(ValidationError, (e) => expect(e.field).toBe('content'));
    });

    it('accepts every built-in template', () => {
      for (const template of Object.values(BUILT_IN_TEMPLATES)) expect(() => requireTemplateContent(template.content, template.parameters)).not.toThrow();
    });
  });

  describe('find a version', () => {
    const state = () => foldTemplate([saved(1), saved(2, { at: at(5) })]);

    it('gives the latest by default, or the one asked for', () => {
      expect(findTemplateVersion('my_materials_screening_workflow', state(), OWNER)).toMatchObject({ name: 'my_materials_screening_workflow', version: 2, savedAt: at(5) });
      expect(findTemplateVersion('my_materials_screening_workflow', state(), OWNER, 1).version).toBe(1);
      expect(() => findTemplateVersion('my_materials_screening_workflow', state(), OWNER, 3)).toThrow(NotFound);
    });

    it('gives a built-in template to anyone, and a saved one to its owner only', () => {
      expect(findTemplateVersion('materials_discovery_workflow', foldTemplate([]), STRANGER)).toMatchObject({ version: 1, parameters: ['application', 'structure'] });
      expect(() => findTemplateVersion('my_materials_screening_workflow', state(), STRANGER)).toThrow('template my_materials_screening_workflow not found');
      expect(() => findTemplateVersion('nope', foldTemplate([]), OWNER)).toThrow(NotFound);
    });

    it('prefers the caller\'s own template to a built-in one of the same name', () => {
      const own = foldTemplate([saved(1, { name: 'materials_discovery_workflow' })]);
      expect(findTemplateVersion('materials_discovery_workflow', own, OWNER)).toMatchObject({ savedBy: OWNER, fromSessionId: SESSION_ID });
      expect(findTemplateVersion('materials_discovery_workflow', own, STRANGER)).toMatchObject({ savedBy: 'system' });
    });
  });

  it('names template streams per owner from one helper, and still reads the unscoped ones', () => {
    expect(templateStream('9ee02863-1b90-4da6-90dc-65185f2d8a92', 'my_workflow')).toBe('template-9ee02863-1b90-4da6-90dc-65185f2d8a92-my_workflow');
    expect(parseTemplateStream('template-9ee02863-1b90-4da6-90dc-65185f2d8a92-my_workflow')).toEqual({ ownerId: '9ee02863-1b90-4da6-90dc-65185f2d8a92', name: 'my_workflow' });
    expect(parseTemplateStream(templateStream('owner', 'my_workflow'))).toEqual({ ownerId: 'owner', name: 'my_workflow' });
    expect(legacyTemplateStream('my_workflow')).toBe('template-my_workflow');
    expect(parseTemplateStream('template-my_workflow')).toEqual({ ownerId: null, name: 'my_workflow' });
    expect(parseTemplateStream('template-owner-Bad Name')).toBeNull();
    expect(parseTemplateStream('template--my_workflow')).toBeNull();
    expect(parseTemplateStream('session-x')).toBeNull();
  });
});
