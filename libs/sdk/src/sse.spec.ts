import { readSse, SseParser, type SseEvent } from './sse.js';

const parseAll = (chunks: string[]): SseEvent[] => {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
};

const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

describe('SseParser', () => {
  const wire = 'event: accepted\ndata: {"sessionId":"s1"}\n\n: a comment\nevent: text\ndata: {"delta":"Li"}\n\nevent: recorded\ndata: {"answer":"ok"}\n\n';
  const expected = [
    { event: 'accepted', data: '{"sessionId":"s1"}', id: '' },
    { event: 'text', data: '{"delta":"Li"}', id: '' },
    { event: 'recorded', data: '{"answer":"ok"}', id: '' },
  ];

  it('parses what the API writes', () => {
    expect(parseAll([wire])).toEqual(expected);
  });

  it('gives the same events however the text is split into chunks', () => {
    for (let at = 0; at <= wire.length; at++) expect(parseAll([wire.slice(0, at), wire.slice(at)])).toEqual(expected);
    expect(parseAll([...wire])).toEqual(expected);
  });

  it('accepts CRLF, CR and LF line ends, a CRLF split across chunks included', () => {
    const crlf = wire.replaceAll('\n', '\r\n');
    expect(parseAll([crlf])).toEqual(expected);
    expect(parseAll([wire.replaceAll('\n', '\r')])).toEqual(expected);
    for (let at = 1; at < crlf.length; at++) if (crlf[at - 1] === '\r') expect(parseAll([crlf.slice(0, at), crlf.slice(at)])).toEqual(expected);
  });

  it('joins data lines with a newline, drops one leading space only, and defaults the type to message', () => {
    expect(parseAll(['data:first\ndata:  second\ndata\n\n'])).toEqual([{ event: 'message', data: 'first\n second\n', id: '' }]);
  });

  it('dispatches nothing for an event without data, a comment or an unknown field', () => {
    expect(parseAll(['event: lonely\n\n:keep-alive\n\nretry: 1000\nfoo: bar\n\n'])).toEqual([]);
  });

  it('keeps the last id for the events that follow, and ignores an id with a NUL', () => {
    expect(parseAll(['id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\n']).map((e) => e.id)).toEqual(['7', '7', '7']);
  });

  it('drops a leading BOM, and an event the stream ended before finishing', () => {
    expect(parseAll(['\uFEFFdata: a\n\ndata: b\n'])).toEqual([{ event: 'message', data: 'a', id: '' }]);
  });

  it('resets the event type after each event', () => {
    expect(parseAll(['event: text\ndata: a\n\ndata: b\n\n']).map((e) => e.event)).toEqual(['text', 'message']);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split inside a character and hands events over in order', async () => {
    const bytes = new TextEncoder().encode('event: text\ndata: {"delta":"Å ≈ 1e-14 cm²/s"}\n\nevent: status\ndata: done\n\n');
    const at = bytes.indexOf(0xc3) + 1; // inside the two bytes of "Å"
    const events: SseEvent[] = [];
    let chunks = 0;
    await readSse(streamOf([bytes.slice(0, at), bytes.slice(at, at + 3), bytes.slice(at + 3)]), (e) => void events.push(e), () => chunks++);
    expect(events).toEqual([
      { event: 'text', data: '{"delta":"Å ≈ 1e-14 cm²/s"}', id: '' },
      { event: 'status', data: 'done', id: '' },
    ]);
    expect(chunks).toBe(3);
  });

  it('awaits each handler before the next event, and stops reading when one throws', async () => {
    const order: string[] = [];
    const body = streamOf([new TextEncoder().encode('data: 1\n\ndata: 2\n\ndata: 3\n\n')]);
    const reading = readSse(body, async ({ data }) => {
      order.push(`start ${data}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${data}`);
      if (data === '2') throw new Error('stop');
    });
    await expect(reading).rejects.toThrow('stop');
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});
