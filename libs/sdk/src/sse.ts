// A parser of `text/event-stream` (the WHATWG server-sent events format), for reading a fetch
// body: no EventSource, which cannot POST. Fed text in chunks of any size; an event is complete at
// a blank line. Follows the spec: lines end in CRLF, LF or CR; `:` starts a comment; `data` lines
// join with "\n"; one space after the colon is dropped; an event without data is not dispatched;
// the event type defaults to `message`; an unfinished event at the end of the stream is dropped.

export interface SseEvent {
  /** The `event:` field, or 'message'. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen so far in the stream (the spec's last event id), or '' when none. */
  id: string;
}

export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private lastId = '';
  private started = false;
  /** A CR ended the last chunk: a LF starting the next one belongs to it. */
  private pendingCr = false;

  /** Parses a chunk of text; returns the events it completed, in order. */
  push(chunk: string): SseEvent[] {
    // An empty decode (part of a multi-byte character) says nothing about a pending CR.
    if (chunk.length === 0) return [];
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    let match: RegExpExecArray | null;
    const lineEnd = /\r\n|\r|\n/g;
    let consumed = 0;
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCr = true;
      const event = this.line(this.buffer.slice(consumed, match.index));
      if (event) events.push(event);
      consumed = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(consumed);
    return events;
  }

  /** The end of the stream: an event not ended by a blank line is dropped, as the spec says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.event = '';
    this.data = [];
    return [];
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // `retry` and unknown fields: nothing a one-shot POST stream can use.
        break;
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.data.length === 0 ? null : { event: this.event || 'message', data: this.data.join('\n'), id: this.lastId };
    this.event = '';
    this.data = [];
    return event;
  }
}

/**
 * Reads a byte stream of server-sent events, calling `onEvent` for each in order (awaited, so
 * events are handled one at a time). `onChunk` is told each time bytes arrive (an idle timer).
 * Decodes UTF-8 across chunk boundaries.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void | Promise<void>,
  onChunk?: () => void,
): Promise<void> {
  const parser = new SseParser();
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk?.();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) await onEvent(event);
    }
    for (const event of parser.push(decoder.decode())) await onEvent(event);
    parser.end();
  } finally {
    // Stops the download when onEvent threw (or the caller is done early); a no-op at the end.
    await reader.cancel().catch(() => undefined);
  }
}
