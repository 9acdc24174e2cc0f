import { AlreadyExists, NotFound, ValidationError } from '../../errors.js';
import { answered, asked, detected, invoked, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, command, created, event, given, started } from '../../testing/session.fixtures.js';
import { DEFAULT_DISCOVERY_CONFIG } from '../core/state.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { DiscoveryCommand } from './commands.js';

const active = () => [created(), started()];
const two = () => [...active(), recordedDiscovery('d1'), recordedDiscovery('d2', { description: 'Mn doping raises the voltage' })];
const record = (data?: Record<string, unknown>) =>
  command('RecordDiscovery', {
    discoveryId: 'd1',
    category: 'structure_property',
    description: 'Olivine structure increases ionic conductivity 10-fold',
    materials: ['LiFePO4', 'LiMnPO4'],
    evidence: { structure: 'olivine' },
    confidence: 0.9,
    ...data,
  });

describe('session discoveries', () => {
  describe('settings', () => {
    it('default to auto-detection at confidence 0.75 in all four categories', () => {
      given([created()]).when(command('SetFocus', { focus: 'x' })).thenState((state) => {
        expect(state.workspace.discoveryConfig).toEqual({
          autoDetect: true, minConfidence: 0.75, categories: ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'],
        });
        expect(state.workspace.discoveryConfig).toEqual(DEFAULT_DISCOVERY_CONFIG);
      });
    });

    it('record only what changes, categories in their canonical order', () => {
      given(active())
        .when(command('ConfigureDiscoveries', { autoDetect: true, minConfidence: 0.8, categories: ['stability_insight', 'structure_property', 'stability_insight'] }))
        .thenState((state, events) => {
          expect(events).toEqual([event('DiscoveriesConfigured', { minConfidence: 0.8, categories: ['structure_property', 'stability_insight'] })]);
          expect(state.workspace.discoveryConfig).toEqual({ autoDetect: true, minConfidence: 0.8, categories: ['structure_property', 'stability_insight'] });
        });
    });

    it('append nothing when every setting is already so, in whatever order', () => {
      given(active()).when(command('ConfigureDiscoveries', { categories: ['phase_relationship', 'stability_insight', 'novel_synthesis', 'structure_property'] })).then([]);
    });

    it('may switch every category off', () => {
      given(active()).when(command('ConfigureDiscoveries', { categories: [] })).then([event('DiscoveriesConfigured', { categories: [] })]);
    });

    it.each([
      [{}, 'autoDetect'],
      [{ autoDetect: 'on' as never }, 'autoDetect'],
      [{ minConfidence: 1.1 }, 'minConfidence'],
      [{ categories: ['vibes'] as never }, 'categories[0]'],
      [{ categories: 'structure_property' as never }, 'categories'],
      [{ colour: 'blue' } as never, 'colour'],
    ])('refuse %p (field %s)', (data, field) => {
      given(active()).when(command('ConfigureDiscoveries', data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    });
  });

  describe('manual record', () => {
    it('records a discovery with the evidence given, as the seed\'s recordDiscovery', () => {
      given(active()).when(record()).thenState((state, events) => {
        expect(events).toEqual([recordedDiscovery('d1')]);
        expect(state.workspace.discoveries).toEqual([{
          id: 'd1', category: 'structure_property', description: 'Olivine structure increases ionic conductivity 10-fold', materials: ['LiFePO4', 'LiMnPO4'],
          confidence: 0.9, origin: 'recorded', status: 'recorded', tags: [], evidence: { queryId: null, invocationIds: [], detail: { structure: 'olivine' } },
          linkIds: [], review: null, at: at(),
        }]);
      });
    });

    it('links the query it names, and through it that query\'s tool calls', () => {
      given([...active(), asked('q1'), invoked('inv-1', 'q1'), answered('q1')]).when(record({ queryId: 'q1' })).thenState((state, events) => {
        expect(events[0]!.data).toMatchObject({ queryId: 'q1' });
        expect(state.workspace.discoveries.values()[0]!.evidence).toEqual({ queryId: 'q1', invocationIds: ['inv-1'], detail: { structure: 'olivine' } });
      });
    });

    it('refuses an unknown query, a used id and bad fields', () => {
      given(active()).when(record({ queryId: 'q9' })).thenThrows(NotFound, 'query q9 not found');
      given(two()).when(record()).thenThrows(AlreadyExists, 'discovery d1 already exists');
      given(active()).when(record({ confidence: -0.1 })).thenThrows(ValidationError, (e) => expect(e.field).toBe('confidence'));
      given(active()).when(record({ description: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('description'));
      given(active()).when(record({ category: 'hunch' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('category'));
      given(active()).when(record({ materials: ['LiFePO4', 7] })).thenThrows(ValidationError, (e) => expect(e.field).toBe('materials[1]'));
    });
  });

  describe('links', () => {
    it('links discoveries, and each discovery lists the link', () => {
      given(two())
        .when(command('LinkDiscoveries', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports', notes: 'Both show same structure-property pattern' }))
        .thenState((state, events) => {
          expect(events).toEqual([event('DiscoveriesLinked', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports', notes: 'Both show same structure-property pattern' })]);
          expect(state.workspace.discoveryLinks).toEqual([{ id: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports', notes: 'Both show same structure-property pattern', at: at() }]);
          expect(state.workspace.discoveries.map((d) => d.linkIds)).toEqual([['l1'], ['l1']]);
        });
    });

    it('refuses fewer than two discoveries, a repeat, an unknown one, a used link id and an unknown relationship', () => {
      const link = (data: Record<string, unknown>) => command('LinkDiscoveries', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports', ...data });
      given(two()).when(link({ discoveryIds: ['d1'] })).thenThrows(ValidationError, /2 to 50 items/);
      given(two()).when(link({ discoveryIds: ['d1', 'd1'] })).thenThrows(ValidationError, /different discoveries/);
      given(two()).when(link({ discoveryIds: ['d1', 'd3'] })).thenThrows(NotFound, 'discovery d3 not found');
      given(two()).when(link({ relationship: 'likes' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('relationship'));
      given([...two(), event('DiscoveriesLinked', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'extends' })])
        .when(link({})).thenThrows(AlreadyExists, 'discovery link l1 already exists');
    });
  });

  describe('review', () => {
    it('validates a discovery with a note', () => {
      given(two()).when(command('ValidateDiscovery', { discoveryId: 'd1', note: 'confirmed by EIS', at: at(5) })).thenState((state, events) => {
        expect(events).toEqual([event('DiscoveryValidated', { discoveryId: 'd1', note: 'confirmed by EIS', at: at(5) })]);
        expect(state.workspace.discoveries.values()[0]).toMatchObject({ status: 'validated', origin: 'recorded', review: { note: 'confirmed by EIS', at: at(5) } });
      });
    });

    it('rejects a detected discovery with a reason', () => {
      given([...active(), asked('q1'), answered('q1'), detected('d1')]).when(command('RejectDiscovery', { discoveryId: 'd1', reason: 'artefact' })).thenState((state) => {
        expect(state.workspace.discoveries.values()[0]).toMatchObject({ status: 'rejected', origin: 'detected', review: { note: 'artefact', at: at() } });
      });
    });

    it('treats a repeated review as a retry, and lets a reviewer change their mind', () => {
      given([...two(), event('DiscoveryValidated', { discoveryId: 'd1' })]).when(command('ValidateDiscovery', { discoveryId: 'd1' })).then([]);
      given([...two(), event('DiscoveryRejected', { discoveryId: 'd1' })]).when(command('RejectDiscovery', { discoveryId: 'd1' })).then([]);
      given([...two(), event('DiscoveryRejected', { discoveryId: 'd1' })]).when(command('ValidateDiscovery', { discoveryId: 'd1' }))
        .then([event('DiscoveryValidated', { discoveryId: 'd1' })]);
    });

    it('refuses an unknown discovery', () => {
      given(two()).when(command('ValidateDiscovery', { discoveryId: 'd9' })).thenThrows(NotFound, 'discovery d9 not found');
      given(two()).when(command('RejectDiscovery', { discoveryId: 'd9' })).thenThrows(NotFound);
    });
  });

  describe('tags', () => {
    it('adds only the tags the discovery does not have', () => {
      given([...two(), event('DiscoveryTagged', { discoveryId: 'd1', tags: ['cathode'] })])
        .when(command('TagDiscovery', { discoveryId: 'd1', tags: ['cathode', ' olivine ', 'olivine'] }))
        .thenState((state, events) => {
          expect(events).toEqual([event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine'] })]);
          expect(state.workspace.discoveries.values()[0]!.tags).toEqual(['cathode', 'olivine']);
        });
    });

    it('appends nothing when every tag is already there', () => {
      given([...two(), event('DiscoveryTagged', { discoveryId: 'd1', tags: ['cathode'] })]).when(command('TagDiscovery', { discoveryId: 'd1', tags: ['cathode'] })).then([]);
    });

    it('refuses no tags, an overlong tag and more than 50 tags in all', () => {
      given(two()).when(command('TagDiscovery', { discoveryId: 'd1', tags: [] })).thenThrows(ValidationError, (e) => expect(e.field).toBe('tags'));
      given(two()).when(command('TagDiscovery', { discoveryId: 'd1', tags: ['t'.repeat(51)] })).thenThrows(ValidationError, (e) => expect(e.field).toBe('tags[0]'));
      const many = Array.from({ length: 30 }, (_, i) => `t${i}`);
      given([...two(), event('DiscoveryTagged', { discoveryId: 'd1', tags: many })])
        .when(command('TagDiscovery', { discoveryId: 'd1', tags: many.map((t) => `${t}-new`) }))
        .thenThrows(ValidationError, /at most 50 tags/);
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const working = ['created', 'active'];
    const samples: Record<DiscoveryCommand['type'], SessionCommand> = {
      ConfigureDiscoveries: command('ConfigureDiscoveries', { minConfidence: 0.9 }),
      RecordDiscovery: command('RecordDiscovery', { discoveryId: 'd9', category: 'stability_insight', description: 'stable', materials: [], evidence: null, confidence: 0.8 }),
      LinkDiscoveries: command('LinkDiscoveries', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports' }),
      ValidateDiscovery: command('ValidateDiscovery', { discoveryId: 'd1' }),
      RejectDiscovery: command('RejectDiscovery', { discoveryId: 'd1' }),
      TagDiscovery: command('TagDiscovery', { discoveryId: 'd1', tags: ['cathode'] }),
      PinDiscovery: command('PinDiscovery', { discoveryId: 'd1' }),
      UnpinDiscovery: command('UnpinDiscovery', { discoveryId: 'd2' }),
    };
    itFollowsTheStatusTable(samples, {
      ConfigureDiscoveries: working,
      RecordDiscovery: working,
      LinkDiscoveries: working,
      ValidateDiscovery: working,
      RejectDiscovery: working,
      TagDiscovery: working,
      PinDiscovery: working,
      UnpinDiscovery: working,
    }, [event('DiscoveryPinned', { discoveryId: 'd2', pinned: true })]);
  });
});
