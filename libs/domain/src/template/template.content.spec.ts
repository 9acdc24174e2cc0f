import { SessionNotFound, ValidationError } from '../errors.js';
import { at, command, createCommand, event, given, OWNER, play, recorded } from '../testing/session.fixtures.js';
import { analystContext } from '../session/context/index.js';
import { foldSession } from '../session/core/decider.js';
import { eventsFromBackup, exportSession } from '../session/export/index.js';
import { initialSessionState } from '../session/core/state.js';
import { stateAtRevision } from '../session/time-travel/index.js';
import { BUILT_IN_TEMPLATES } from './template.built-in.js';
import { templateContentFrom } from './template.content.js';
import { instantiateTemplate } from './template.instantiate.js';

const SEED_PARAMETERS = { application: 'solid state battery', structure: 'perovskite' };
const builtIn = () => ({ name: 'materials_discovery_workflow', ...BUILT_IN_TEMPLATES.materials_discovery_workflow! });
const fromBuiltIn = (parameters: unknown = SEED_PARAMETERS) => ({ ...createCommand(), data: { ...createCommand().data, ...instantiateTemplate(builtIn(), parameters) } });

describe('template content', () => {
  describe('from a session', () => {
    const session = () =>
      foldSession(play([
        createCommand({ name: 'solid state battery: perovskite screening', metadata: { project: 'solid state battery' }, config: { note: 'a solid state battery' } }),
        command('StartSession'),
        command('AddContextItem', { key: 'battery', value: { target: 'solid state battery', temperature: 300 } }),
        command('SetFocus', { focus: 'perovskite electrolytes for a solid state battery' }),
        command('AddHypothesis', { hypothesisId: 'h1', statement: 'a battery-grade perovskite exists' }),
        command('AddTask', { taskId: 't1', title: 'Screen {{structure}} candidates' }),
        command('AddTask', { taskId: 't2', title: 'done already' }),
        command('CompleteTask', { taskId: 't2' }),
        command('ArchiveCompletedTasks'),
      ]));

    it('replaces each marked text by its placeholder in every free text, never in keys', () => {
      const { content, parameters } = templateContentFrom(session(), { application: 'solid state battery' });
      expect(parameters).toEqual(['application', 'structure']);
      expect(content).toMatchObject({
        name: '{{application}}: perovskite screening',
        sessionType: 'interactive',
        metadata: { project: '{{application}}' },
        config: { note: 'a {{application}}' },
        contextItems: [{ key: 'battery', value: { target: '{{application}}', temperature: 300 }, kind: 'custom' }],
        focus: 'perovskite electrolytes for a {{application}}',
        // "battery" alone is not the text marked, and archived tasks are not part of the work.
        hypotheses: ['a battery-grade perovskite exists'],
        tasks: ['Screen {{structure}} candidates'],
      });
    });

    it('marks the longest text first, and never inside a placeholder already there', () => {
      const { content } = templateContentFrom(session(), { application: 'solid state battery', device: 'battery', structure: 'perovskite' });
      expect(content.hypotheses).toEqual(['a {{device}}-grade {{structure}} exists']);
      expect(content.tasks).toEqual(['Screen {{structure}} candidates']);
    });

    it('refuses a text that occurs nowhere, or two parameters for one text, naming the parameter', () => {
      expect(() => templateContentFrom(session(), { application: 'fuel cell' })).toThrow(expect.objectContaining({ field: 'parameters.application' }));
      expect(() => templateContentFrom(session(), { a: 'battery', b: 'battery' })).toThrow(/parameters.b and parameters.a stand for the same text/);
      expect(() => templateContentFrom(session(), { 'bad name': 'battery' })).toThrow(ValidationError);
      expect(() => templateContentFrom(initialSessionState())).toThrow(SessionNotFound);
    });
  });

  describe('instantiate', () => {
    it('fills the placeholders of the built-in workflow with the seed\'s parameters', () => {
      const instance = instantiateTemplate(builtIn(), SEED_PARAMETERS);
      expect(instance).toMatchObject({ sessionType: 'research', name: 'perovskite materials for solid state battery', metadata: { application: 'solid state battery', structure: 'perovskite' } });
      expect(instance.template).toMatchObject({
        template: 'materials_discovery_workflow',
        version: 1,
        parameters: SEED_PARAMETERS,
        focus: 'perovskite materials for solid state battery',
        tasks: [
          { taskId: 'tpl-t1', title: 'Screen perovskite candidates for solid state battery' },
          { taskId: 'tpl-t2', title: 'Check charge balance and stability' },
          { taskId: 'tpl-t3', title: 'Compare ionic conductivity with known solid state battery materials' },
          { taskId: 'tpl-t4', title: 'Validate and link the discoveries worth keeping' },
        ],
      });
      expect(instance.template.hypotheses[0]!.statement).toContain('A perovskite structure can combine');
    });

    it('refuses a missing parameter, naming it', () => {
      expect(() => instantiateTemplate(builtIn(), { application: 'solid state battery' }))
        .toThrow(expect.objectContaining({ field: 'parameters.structure', message: 'template materials_discovery_workflow needs parameter structure: it takes application, structure' }));
      expect(() => instantiateTemplate(builtIn(), undefined)).toThrow(/needs parameter application, structure/);
    });

    it('refuses a parameter the template does not take, and a value that is not text', () => {
      expect(() => instantiateTemplate(builtIn(), { ...SEED_PARAMETERS, voltage: '4 V' }))
        .toThrow(expect.objectContaining({ field: 'parameters.voltage', message: 'template materials_discovery_workflow has no parameter voltage: it takes application, structure' }));
      expect(() => instantiateTemplate(builtIn(), { ...SEED_PARAMETERS, structure: 42 })).toThrow(expect.objectContaining({ field: 'parameters.structure' }));
    });
  });

  describe('a session created from a template', () => {
    it('records where it came from, then the seeded work as ordinary events', () => {
      given([]).when(fromBuiltIn()).thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual([
          'SessionCreated', 'SessionSeededFromTemplate', 'ContextConfigured',
          'ContextItemAdded', 'ContextItemAdded', 'ContextItemAdded', 'FocusSet', 'HypothesisAdded', 'TaskAdded', 'TaskAdded', 'TaskAdded', 'TaskAdded',
        ]);
        expect(events[1]).toEqual(event('SessionSeededFromTemplate', { template: 'materials_discovery_workflow', version: 1, parameters: SEED_PARAMETERS }));
        expect(state.governance).toMatchObject({ ownerId: OWNER, status: 'created', seededFrom: { template: 'materials_discovery_workflow', version: 1, parameters: SEED_PARAMETERS } });
        const context = analystContext(state);
        expect(context.focus).toBe('perovskite materials for solid state battery');
        expect(context.openTasks[0]).toEqual({ id: 'tpl-t1', title: 'Screen perovskite candidates for solid state battery' });
        expect(context.items.map((i) => i.key)).toEqual(['application', 'target_structure', 'screening_criteria']);
        expect(state.workspace.contextConfig.autoSummarise).toBe(true);
      });
    });

    it('travels in time, exports and imports like any session', () => {
      const events = play([fromBuiltIn(), command('AskQuery', { queryId: 'q1', text: 'Screen perovskites', at: at(5) })]);
      expect(stateAtRevision(events, 1).governance.seededFrom?.template).toBe('materials_discovery_workflow');
      expect(stateAtRevision(events, 1).workspace.tasks).toEqual([]);
      const doc = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(9) })));
      expect(doc.session.seededFrom).toEqual({ template: 'materials_discovery_workflow', version: 1, parameters: SEED_PARAMETERS });
      const imported = foldSession(eventsFromBackup(doc, { newSessionId: 'copy', importerId: 'u', at: at(10), branchIdFor: (id: string) => `copy-${id}` }).map((e) => e.event));
      expect(imported.workspace).toEqual(foldSession(events).workspace);
      expect(imported.governance.seededFrom).toEqual(foldSession(events).governance.seededFrom);
    });

    it('saving it as a template gives back the template it came from', () => {
      const state = foldSession(play([fromBuiltIn()]));
      const { content, parameters } = templateContentFrom(state, SEED_PARAMETERS);
      expect(parameters).toEqual(['application', 'structure']);
      expect(content).toEqual(builtIn().content);
    });

    it('names the field of a seed that breaks the session\'s rules', () => {
      const bad = fromBuiltIn();
      const template = { ...bad.data.template!, focus: 'x'.repeat(1001), tasks: [{ taskId: 'a b', title: 'x' }] };
      given([]).when({ ...bad, data: { ...bad.data, template } }).thenThrows(ValidationError, (e) => expect(e.field).toBe('template.focus'));
      given([]).when({ ...bad, data: { ...bad.data, template: { ...template, focus: null } } }).thenThrows(ValidationError, (e) => expect(e.field).toBe('template.tasks[0].taskId'));
      given([]).when({ ...bad, data: { ...bad.data, template: 'all of it' as never } }).thenThrows(ValidationError, (e) => expect(e.field).toBe('template'));
    });
  });
});
