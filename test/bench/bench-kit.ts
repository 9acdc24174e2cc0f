// Small timing kit: benchmarks report medians over several runs, never single timings, because
// the machines are shared and noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventData } from '@crystalyse/event-store';

export interface Measurement {
  name: string;
  unit: string;
  median: number;
  runs: number[];
  target?: { op: '>=' | '<'; value: number; met: boolean; note: string };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measure(name: string, unit: string, runs: number, once: () => Promise<number>): Promise<Measurement> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  const m = { name, unit, median: round(median(values)), runs: values.map(round) };
  console.log(`  ${name}: median ${m.median} ${unit} (runs: ${m.runs.join(', ')})`);
  return m;
}

export const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function withTarget(m: Measurement, op: '>=' | '<', value: number, note: string, actual = m.median): Measurement {
  return { ...m, target: { op, value, met: op === '>=' ? actual >= value : actual < value, note } };
}

export function tempDir(prefix: string): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `crystalyse-bench-${prefix}-`));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A ~130-byte event, the size the stack notes measured SQLite with. */
export function benchEvent(i: number): EventData {
  return {
    eventId: randomUUID(),
    type: 'ContextItemAdded',
    data: { key: `k${i % 50}`, value: `value ${i}`, kind: 'custom', at: '2026-11-25T12:00:00.000Z' },
    metadata: { actor: { userId: 'bench', via: 'system' }, occurredAt: '2026-11-25T12:00:00.000Z', correlationId: 'bench', causationId: 'bench', schemaVersion: 1 },
  };
}

export const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
