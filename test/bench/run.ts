// `npm run bench`: runs every benchmark, prints a table and writes bench/results/latest.json.
// `npm run bench -- langgraph` (or append, load, rebuild) runs only the groups named.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { appendBenchmarks } from './append.bench.js';
import { loadBenchmarks } from './load.bench.js';
import { rebuildBenchmarks } from './rebuild.bench.js';
import { langgraphBenchmarks } from './langgraph.bench.js';
import { httpBenchmarks } from './http.bench.js';
import { sessionScaleBenchmarks } from './session-scale.bench.js';
import { turnBenchmarks } from './turn.bench.js';
import type { Measurement } from './bench-kit.js';

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const groups: Array<[string, () => Promise<Measurement[]>]> = [
    ['append', appendBenchmarks], ['load', loadBenchmarks], ['rebuild', rebuildBenchmarks], ['http', () => httpBenchmarks({ quick })], ['scale', () => sessionScaleBenchmarks({ quick })], ['turn', () => turnBenchmarks({ quick })],
    ['langgraph', langgraphBenchmarks],
  ];
  // --quick: the same code on smaller sizes (CI may run it); targets are for the full run.
  const quick = process.argv.includes('--quick');
  const only = process.argv.slice(2).filter((arg) => arg !== '--quick');
  const unknown = only.filter((name) => !groups.some(([group]) => group === name));
  if (unknown.length > 0) throw new Error(`Unknown benchmark group(s) ${unknown.join(', ')}: choose from ${groups.map(([g]) => g).join(', ')}`);
  const results: Measurement[] = [];
  for (const [name, run] of groups) if (only.length === 0 || only.includes(name)) results.push(...(await run()));
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    results,
  };
  // A partial run gets its own file, so latest.json always holds every benchmark.
  const file = only.length === 0 ? 'bench/results/latest.json' : `bench/results/latest-${only.join('-')}.json`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log('\n| benchmark | median | target |\n|---|---|---|');
  for (const r of results) {
    const target = r.target ? `${r.target.met ? 'met' : 'MISSED'}: ${r.target.note}` : '';
    console.log(`| ${r.name} | ${r.median} ${r.unit} | ${target} |`);
  }
  console.log(`\nReport written to ${file}`);
  if (results.some((r) => r.target && !r.target.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
