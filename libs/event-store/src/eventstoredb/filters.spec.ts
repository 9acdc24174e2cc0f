import { excludeSystemEvents } from '@eventstore/db-client';
import { escapeRegex, exactTypesRegex, planFilter } from './filters.js';

const event = (streamId: string, type: string) => ({ streamId, type });

describe('EventStoreDB $all filters', () => {
  it('sends stream prefixes to the server as a stream-name prefix filter', () => {
    const { server, accepts } = planFilter({ streamPrefixes: ['session-', 'branch-'] });
    expect(server).toMatchObject({ filterOn: 'streamName', prefixes: ['session-', 'branch-'] });
    expect(accepts(event('session-1', 'QueryAsked'))).toBe(true);
    expect(accepts(event('branch-9', 'BranchCreated'))).toBe(true);
    expect(accepts(event('user-1', 'UserRegistered'))).toBe(false);
  });

  it('sends event types as an anchored, escaped regex on event types', () => {
    const { server, accepts } = planFilter({ eventTypes: ['QueryAsked', 'Answer.Given'] });
    expect(server).toMatchObject({ filterOn: 'eventType', regex: '^(QueryAsked|Answer\\.Given)$' });
    const regex = new RegExp((server as { regex: string }).regex);
    expect(regex.test('QueryAsked')).toBe(true);
    expect(regex.test('QueryAskedAgain')).toBe(false); // anchored: no prefix matches
    expect(regex.test('AnswerXGiven')).toBe(false); // escaped: "." is literal
    expect(accepts(event('session-1', 'QueryAsked'))).toBe(true);
    expect(accepts(event('session-1', 'QueryAskedAgain'))).toBe(false);
  });

  it('with both, filters stream prefixes on the server and event types here', () => {
    const { server, accepts } = planFilter({ streamPrefixes: ['session-'], eventTypes: ['QueryAsked'] });
    expect(server).toMatchObject({ filterOn: 'streamName', prefixes: ['session-'] });
    expect(accepts(event('session-1', 'QueryAsked'))).toBe(true);
    expect(accepts(event('session-1', 'SessionPaused'))).toBe(false); // right stream, wrong type
    expect(accepts(event('branch-1', 'QueryAsked'))).toBe(false); // right type, wrong stream
  });

  it('without a filter, excludes system events on the server and here', () => {
    const { server, accepts } = planFilter();
    expect(server).toEqual(excludeSystemEvents());
    expect(accepts(event('session-1', 'QueryAsked'))).toBe(true);
    expect(accepts(event('$$session-1', '$metadata'))).toBe(false);
    expect(accepts(event('$ce-session', '$>'))).toBe(false);
  });

  it('never accepts system events, even when a filter names them', () => {
    expect(planFilter({ eventTypes: ['$metadata'] }).accepts(event('$$session-1', '$metadata'))).toBe(false);
    expect(planFilter({ streamPrefixes: ['$$'] }).accepts(event('$$session-1', '$metadata'))).toBe(false);
  });

  it('treats empty lists as no constraint', () => {
    const { server, accepts } = planFilter({ streamPrefixes: [], eventTypes: [] });
    expect(server).toEqual(excludeSystemEvents());
    expect(accepts(event('anything', 'Any'))).toBe(true);
  });

  it('escapes every regex metacharacter', () => {
    const nasty = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${escapeRegex(nasty)}$`).test(nasty)).toBe(true);
    expect(new RegExp(exactTypesRegex(['A+', 'B'])).test('AA')).toBe(false);
  });
});
