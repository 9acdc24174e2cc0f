import { AlreadyExists, NotFound, QueryNotPending, ValidationError } from '../../errors.js';
import { analysed, ANSWER, answerCommand, answered, asked, detected, failed, invocation, invoked, material, proposal } from '../../testing/agent.fixtures.js';
import { at, created, event, given, paused, started } from '../../testing/session.fixtures.js';

const active = () => [created(), started()];
const open = () => [...active(), asked('q1')];

describe('session answers', () => {
  describe('record an answer', () => {
    const full = () => answerCommand('q1', {
      toolInvocations: [invocation('inv-1'), invocation('inv-2', { tool: 'known_materials', output: { structure: 'olivine' } })],
      toolStates: { composition: { lastFormula: 'LiFePO4' } },
      materials: [material('LiFePO4', { invocationId: 'inv-1', name: 'lithium iron phosphate' })],
      discoveries: [proposal('d1', { evidence: { text: 'olivine channels' } })],
    });

    it('records tool calls, tool states, materials, the answer and detected discoveries, in that order', () => {
      given(open()).when(full()).then([
        invoked('inv-1', 'q1'),
        invoked('inv-2', 'q1', { tool: 'known_materials', output: { structure: 'olivine' } }),
        event('ToolStateChanged', { tool: 'composition', state: { lastFormula: 'LiFePO4' } }),
        analysed('LiFePO4', 'q1', { invocationId: 'inv-1', name: 'lithium iron phosphate' }),
        answered('q1'),
        event('DiscoveryDetected', {
          discoveryId: 'd1', category: 'structure_property', description: 'The olivine structure is crucial for Li+ mobility', materials: ['LiFePO4'],
          confidence: 0.9, evidence: { queryId: 'q1', invocationIds: ['inv-1', 'inv-2'], text: 'olivine channels' },
        }),
      ]);
    });

    it('settles the turn and keeps compact records: ids and timings, not tool outputs', () => {
      given(open()).when({ ...full(), data: { ...full().data, at: at(2) } }).thenState((state) => {
        const turn = state.workspace.conversation.values()[0]!;
        expect(turn).toMatchObject({ status: 'answered', answer: ANSWER.text, answeredAt: at(2), analysis: ANSWER.analysis, model: 'offline-analyst', offline: true, latencyMs: 12 });
        expect(turn.toolInvocationIds).toEqual(['inv-1', 'inv-2']);
        expect(turn.materials).toEqual(['LiFePO4']);
        expect(state.workspace.toolInvocations).toEqual([
          { id: 'inv-1', tool: 'composition', queryId: 'q1', durationMs: 3, failed: false, at: at(2) },
          { id: 'inv-2', tool: 'known_materials', queryId: 'q1', durationMs: 3, failed: false, at: at(2) },
        ]);
        expect(state.workspace.toolStates).toEqual({ composition: { lastFormula: 'LiFePO4' } });
        expect(state.workspace.discoveries.values()[0]).toMatchObject({
          origin: 'detected', status: 'detected', evidence: { queryId: 'q1', invocationIds: ['inv-1', 'inv-2'], detail: 'olivine channels' },
        });
      });
    });

    it('records a failed tool call with its error', () => {
      given(open()).when(answerCommand('q1', { toolInvocations: [invocation('inv-1', { error: 'unknown element Xx', output: null })] })).thenState((state, events) => {
        expect(events[0]).toEqual(invoked('inv-1', 'q1', { error: 'unknown element Xx', output: null }));
        expect(state.workspace.toolInvocations.values()[0]!.failed).toBe(true);
      });
    });

    it('records only the tool states that changed, and null forgets one', () => {
      const known = event('ToolStateChanged', { tool: 'composition', state: { lastFormula: 'LiFePO4' } });
      given([...open(), known])
        .when(answerCommand('q1', { toolStates: { composition: { lastFormula: 'LiFePO4' }, similarity: null } }))
        .then([answered('q1')]);
      given([...open(), known]).when(answerCommand('q1', { toolStates: { composition: null } })).thenState((state, events) => {
        expect(events[0]).toEqual(event('ToolStateChanged', { tool: 'composition', state: null }));
        expect(state.workspace.toolStates).toEqual({});
      });
    });

    it('is still recorded when the session was paused while the analyst ran', () => {
      given([...open(), paused()]).when(answerCommand('q1')).then([answered('q1')]);
    });

    it('answers only a pending query', () => {
      given(active()).when(answerCommand('q9')).thenThrows(NotFound, 'query q9 not found');
      given([...open(), answered('q1')]).when(answerCommand('q1')).thenThrows(QueryNotPending, (e) => {
        expect(e.message).toBe('cannot answer query q1: it is already answered; ask it again under a new queryId');
        expect(e.code).toBe('query_not_pending');
      });
      given([...open(), failed('q1')]).when(answerCommand('q1')).thenThrows(QueryNotPending, /already failed/);
    });

    it('refuses an invocation id the session or the command already used', () => {
      given([...open(), invoked('inv-1', null)]).when(answerCommand('q1', { toolInvocations: [invocation('inv-1')] }))
        .thenThrows(AlreadyExists, (e) => expect(e.field).toBe('toolInvocations[0].invocationId'));
      given(open()).when(answerCommand('q1', { toolInvocations: [invocation('inv-1'), invocation('inv-1')] }))
        .thenThrows(AlreadyExists, (e) => expect(e.field).toBe('toolInvocations[1].invocationId'));
    });

    it.each([
      [{ answer: { ...ANSWER, text: '' } }, 'answer.text'],
      [{ answer: { ...ANSWER, usage: { promptTokens: -1, completionTokens: 0, totalTokens: 0 } } }, 'answer.usage.promptTokens'],
      [{ answer: { ...ANSWER, offline: 'yes' as never } }, 'answer.offline'],
      [{ toolInvocations: [invocation('inv-1', { tool: 'has space' })] }, 'toolInvocations[0].tool'],
      [{ toolInvocations: [invocation('inv-1', { durationMs: -1 })] }, 'toolInvocations[0].durationMs'],
      [{ toolStates: { constructor: 1 } }, 'toolStates'],
      [{ materials: [material('Li Fe PO4')] }, 'materials[0].formula'],
      [{ materials: [material('LiFePO4', { invocationId: 'inv-404' })] }, 'materials[0].invocationId'],
      [{ materials: [material('LiFePO4', { source: '' })] }, 'materials[0].source'],
      [{ discoveries: [proposal('d1', { confidence: 1.5 })] }, 'discoveries[0].confidence'],
      [{ discoveries: [proposal('d1', { category: 'vibes' as never })] }, 'discoveries[0].category'],
      [{ discoveries: [proposal('d1', { evidence: { invocationIds: ['inv-404'] } })] }, 'discoveries[0].evidence.invocationIds[0]'],
    ])('refuses %p (field %s)', (data, field) => {
      given(open()).when(answerCommand('q1', data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    });

    it('refuses a discovery id already used', () => {
      given([...open(), detected('d1', 'q1')]).when(answerCommand('q1', { discoveries: [proposal('d1')] }))
        .thenThrows(AlreadyExists, (e) => expect(e.field).toBe('discoveries[0].discoveryId'));
    });
  });

  describe('materials', () => {
    it('updates a material seen again instead of listing it twice', () => {
      const first = [...open(), analysed('LiFePO4', 'q1', { properties: { structure: 'olivine' } }), answered('q1'), asked('q2', 'its conductivity?', 5)];
      given(first)
        .when(answerCommand('q2', { materials: [material('LiFePO4', { properties: { ionicConductivity: '1e-9 S/cm' }, source: 'model' })], at: at(6) }))
        .thenState((state) => {
          expect(state.workspace.materials).toEqual([{
            id: 'LiFePO4', formula: 'LiFePO4', name: null, properties: { structure: 'olivine', ionicConductivity: '1e-9 S/cm' }, source: 'model',
            mentions: 2, firstSeenAt: at(), lastSeenAt: at(6), lastQueryId: 'q2',
          }]);
        });
    });

    it('keeps materials in the order last seen, so the most recent is last', () => {
      given([...open(), analysed('LiFePO4'), analysed('LiMnPO4')]).when(answerCommand('q1', { materials: [material('LiFePO4')] })).thenState((state) => {
        expect(state.workspace.materials.map((m) => m.formula)).toEqual(['LiMnPO4', 'LiFePO4']);
      });
    });

    it('merges a material given twice in one answer into one event, placed where it was last given', () => {
      given(open())
        .when(answerCommand('q1', { materials: [material('LiFePO4', { properties: { a: 1 } }), material('LiCoO2'), material('LiFePO4', { properties: { b: 2 } })] }))
        .thenState((state, events) => {
          expect(events.filter((e) => e.type === 'MaterialAnalysed').map((e) => e.data)).toEqual([
            expect.objectContaining({ formula: 'LiCoO2' }),
            expect.objectContaining({ formula: 'LiFePO4', properties: { a: 1, b: 2 } }),
          ]);
          expect(state.workspace.materials.map((m) => [m.formula, m.mentions])).toEqual([['LiCoO2', 1], ['LiFePO4', 1]]);
        });
    });
  });

  describe('discovery detection follows the session\'s settings', () => {
    const configured = (data: Record<string, unknown>) => event('DiscoveriesConfigured', data);

    it.each([
      ['autoDetect off', [configured({ autoDetect: false })], proposal('d1'), false],
      ['below minConfidence', [], proposal('d1', { confidence: 0.74 }), false],
      ['exactly at minConfidence', [], proposal('d1', { confidence: 0.75 }), true],
      ['a category switched off', [configured({ categories: ['novel_synthesis'] })], proposal('d1'), false],
      ['a raised minConfidence', [configured({ minConfidence: 0.95 })], proposal('d1', { confidence: 0.9 }), false],
      ['an enabled category', [configured({ categories: ['structure_property'] })], proposal('d1'), true],
    ])('%s', (_name, settings, proposed, kept) => {
      given([...open(), ...settings]).when(answerCommand('q1', { discoveries: [proposed] })).thenState((state, events) => {
        expect(events.some((e) => e.type === 'DiscoveryDetected')).toBe(kept);
        expect(state.workspace.discoveries).toHaveLength(kept ? 1 : 0);
      });
    });

    it('defaults the evidence to every tool call of the answer, and keeps the ids named', () => {
      given([...open(), invoked('inv-0', null)])
        .when(answerCommand('q1', { toolInvocations: [invocation('inv-1')], discoveries: [proposal('d1'), proposal('d2', { evidence: { invocationIds: ['inv-0', 'inv-0'] } })] }))
        .thenState((state) => {
          expect(state.workspace.discoveries.map((d) => d.evidence)).toEqual([
            { queryId: 'q1', invocationIds: ['inv-1'], detail: null },
            { queryId: 'q1', invocationIds: ['inv-0'], detail: null },
          ]);
        });
    });
  });
});
