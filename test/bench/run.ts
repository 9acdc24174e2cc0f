// `npm run bench`: runs every benchmark, prints a table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { appendBenchmarks } from './append.bench.js';
import { loadBenchmarks } from './load.bench.js';
import { rebuildBenchmarks } from './rebuild.bench.js';
import type { Measurement } from './bench-kit.js';

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const results: Measurement[] = [...(await appendBenchmarks()), ...(await loadBenchmarks()), ...(await rebuildBenchmarks())];
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('\n| benchmark | median | target |\n|---|---|---|');
  for (const r of results) {
    const target = r.target ? `${r.target.met ? 'met' : 'MISSED'}: ${r.target.note}` : '';
    console.log(`| ${r.name} | ${r.median} ${r.unit} | ${target} |`);
  }
  console.log('\nReport written to bench/results/latest.json');
  if (results.some((r) => r.target && !r.target.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
