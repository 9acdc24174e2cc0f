import { SseParser } from './sse';

describe('the dashboard SSE parser', () => {
  it('gives whole messages only, across chunk boundaries, with id and event', () => {
    const parser = new SseParser();
    expect(parser.feed('id: 41\nevent: QueryAns')).toEqual([]);
    expect(parser.feed('wered\ndata: {"a":')).toEqual([]);
    expect(parser.feed('1}\n\n: keep-alive\n\ndata: x\r')).toEqual([{ id: '41', event: 'QueryAnswered', data: '{"a":1}' }]);
    expect(parser.feed('\n\r\n')).toEqual([{ id: '41', event: 'message', data: 'x' }]);
  });

  it('joins multi-line data and ignores comments and unknown fields', () => {
    const parser = new SseParser();
    expect(parser.feed(':hello\nretry: 10\nfoo: bar\ndata: one\ndata:two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
