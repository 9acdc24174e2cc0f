import { JsonPlusSerializer, type SerializerProtocol } from '@langchain/langgraph-checkpoint';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { decode, encode } from './encoding.js';

const serde = new JsonPlusSerializer();

describe('values through the serde', () => {
  it('stores JSON as JSON, readable in the log', async () => {
    expect(await encode(serde, { formula: 'LiFePO4', gap: 3.4 })).toEqual({ t: 'json', j: { formula: 'LiFePO4', gap: 3.4 } });
  });

  it('gives back what the serde gives back: messages, sets, maps, undefined inside objects, bytes', async () => {
    const values = [
      [new HumanMessage('Analyse LiFePO4'), new AIMessage({ content: 'olivine', id: 'a1' })],
      { seen: new Set(['a', 'b']), by: new Map([['k', 1]]), missing: undefined },
      new Uint8Array([0, 1, 254, 255]),
      'plain',
      null,
    ];
    for (const value of values) {
      const stored = JSON.parse(JSON.stringify(await encode(serde, value)));
      const [type, bytes] = await serde.dumpsTyped(value);
      expect(await decode(serde, stored)).toEqual(await serde.loadsTyped(type, bytes));
    }
  });

  it('keeps the bytes of a serde that does not write JSON', async () => {
    const opaque: SerializerProtocol = {
      dumpsTyped: async (data: unknown) => ['json', new Uint8Array([0xff, 0x00, 0x7b])],
      loadsTyped: async (type: string, data: Uint8Array | string) => ({ type, data: Array.from(data as Uint8Array) }),
    };
    const stored = await encode(opaque, 'x');
    expect(stored).toEqual({ t: 'json', b: Buffer.from([0xff, 0x00, 0x7b]).toString('base64') });
    expect(await decode(opaque, stored)).toEqual({ type: 'json', data: [0xff, 0x00, 0x7b] });
  });
});
