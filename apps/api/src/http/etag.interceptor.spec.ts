import { noneMatch, representationTag } from './etag.interceptor.js';

describe('representation tags', () => {
  it('carry the body\'s revision before the digest, and change with the path or any byte of the body', () => {
    const tag = representationTag('/v1/sessions/s1', { id: 's1', revision: 12, name: 'a' })!;
    expect(tag).toMatch(/^"12-[\w-]{22}"$/);
    expect(representationTag('/v1/sessions/s1', { id: 's1', revision: 12, name: 'a' })).toBe(tag);
    expect(representationTag('/v1/sessions/s1', { id: 's1', revision: 12, name: 'b' })).not.toBe(tag);
    expect(representationTag('/v1/sessions/s1?x=1', { id: 's1', revision: 12, name: 'a' })).not.toBe(tag);
    expect(representationTag('/v1/sessions/s1/discoveries', { items: [] })).toMatch(/^"[\w-]{22}"$/);
    expect(representationTag('/v1/x', { revision: '12' })).toMatch(/^"[\w-]{22}"$/);
    expect(representationTag('/v1/x', { revision: -1 })).toMatch(/^"[\w-]{22}"$/); // an empty stream: no revision to base a change on
  });

  it('If-None-Match matches weakly, in lists, and with *', () => {
    expect(noneMatch('"1-abc"', '"1-abc"')).toBe(true);
    expect(noneMatch('W/"1-abc"', '"1-abc"')).toBe(true);
    expect(noneMatch('"x", "1-abc"', '"1-abc"')).toBe(true);
    expect(noneMatch('*', '"1-abc"')).toBe(true);
    expect(noneMatch('"1-abd"', '"1-abc"')).toBe(false);
    expect(noneMatch(undefined, '"1-abc"')).toBe(false);
    expect(noneMatch('', '"1-abc"')).toBe(false);
  });
});
