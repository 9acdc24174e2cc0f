// Values go through the saver's serde, as LangGraph requires. JSON output is stored as JSON (the
// store writes events as JSON, so a string of JSON would be escaped twice and unreadable in the
// log); anything else (bytes, an encrypting serde) is stored as base64.
import type { SerializerProtocol } from '@langchain/langgraph-checkpoint';
import type { Encoded } from './thread.events.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function encode(serde: SerializerProtocol, value: unknown): Promise<Encoded> {
  const [type, bytes] = await serde.dumpsTyped(value);
  if (type === 'json') {
    try {
      return { t: type, j: JSON.parse(utf8.decode(bytes)) };
    } catch {
      // Not UTF-8 JSON after all (a custom serde): keep the bytes as they are.
    }
  }
  return { t: type, b: Buffer.from(bytes).toString('base64') };
}

export function decode(serde: SerializerProtocol, encoded: Encoded): Promise<unknown> {
  if ('j' in encoded) return serde.loadsTyped(encoded.t, JSON.stringify(encoded.j));
  return serde.loadsTyped(encoded.t, new Uint8Array(Buffer.from(encoded.b, 'base64')));
}
