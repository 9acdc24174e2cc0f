import { randomBytes } from 'node:crypto';
import { packJson, packJsonAsync, unpackJson } from './packed-json.js';

const answer = JSON.stringify({
  queryId: 'q-1',
  text: 'LiFePO4, lithium iron phosphate: olivine structure, space group Pnma; molar mass 157.76 g/mol.\n'.repeat(8),
  analysis: { intent: 'overview', subjects: ['LiFePO4'], facts: { LiFePO4: { molarMass: 157.7574, plausible: true } } },
});

describe('packed JSON', () => {
  it('keeps short texts as they are: deflating them would not pay', () => {
    expect(packJson('{"key":"a","value":1}')).toBe('{"key":"a","value":1}');
  });

  it('packs a long text into a smaller BLOB tagged with its format, and reads it back exactly', () => {
    const packed = packJson(answer);
    expect(packed).toBeInstanceOf(Uint8Array);
    expect((packed as Uint8Array)[0]).toBe(1);
    expect((packed as Uint8Array).length).toBeLessThan(answer.length / 3);
    expect(unpackJson(packed)).toBe(answer);
  });

  it('keeps a text that would not shrink (a short random token) as text', () => {
    const noise = JSON.stringify({ token: randomBytes(80).toString('base64') });
    expect(noise.length).toBeGreaterThan(100);
    expect(packJson(noise)).toBe(noise);
  });

  it('round-trips text beyond ASCII', () => {
    const text = JSON.stringify({ name: 'hématite α-Fe2O3 → Fe3O4 · 磁铁矿 🧪'.repeat(20) });
    expect(unpackJson(packJson(text))).toBe(text);
  });

  it('packs off the main thread to the same bytes', async () => {
    expect(Buffer.from((await packJsonAsync(answer)) as Uint8Array)).toEqual(Buffer.from(packJson(answer) as Uint8Array));
  });

  it('refuses a BLOB in a format it does not know, rather than returning garbage', () => {
    expect(() => unpackJson(Buffer.from([9, 1, 2, 3]))).toThrow('Unknown packed JSON format 9');
  });
});
