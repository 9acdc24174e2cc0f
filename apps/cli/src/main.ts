// `npm run cli -- <command>`: operator commands on the configured storage (embedded by default).
//   rebuild <projection|all>   rebuild read models from position zero, with progress
//   verify <sessionId>         check a session's hash chain
//   projections                list projections, their positions and the events they parked
//   verify-bundle <file>       check an audit bundle offline (GET /v1/sessions/:id/audit): no storage opened
//   check [--full] [--json]    is the event store file whole? (offline; exit 2 when damaged)
// Argument parsing uses node:util's parseArgs: the standard library covers these few flags.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sessionStream } from '@crystalyse/domain';
import { runCheckCommand, verifyStream } from '@crystalyse/event-store';
import { allProjections, ProjectionEngine } from '@crystalyse/read-models';
import { configFromEnv } from '../../api/src/config/app-config.js';
import { openStorage } from '../../api/src/infrastructure/storage.js';
import { verifyBundle } from './verify-bundle.js';

const USAGE = 'usage: crystalyse <rebuild <projection|all> | verify <sessionId> | projections | verify-bundle <audit.json> | check [--full] [--json] [--file <events.db>]>';

async function main(): Promise<number> {
  // `check` reads the file itself, opening no store (libs/event-store/src/integrity).
  if (process.argv[2] === 'check') return runCheckCommand(process.argv.slice(3), configFromEnv().dataDir);
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [command, arg] = positionals;
  if (command === 'verify-bundle') {
    if (!arg) throw new Error('name an audit bundle file (GET /v1/sessions/:id/audit > audit.json)');
    const report = await verifyBundle(JSON.parse(readFileSync(arg, 'utf8')));
    for (const problem of report.problems) console.log(`FAIL ${problem}`);
    console.log(`${report.ok ? 'OK' : 'NOT OK'}: ${report.streams} streams, ${report.events} events, ${report.signatures} signatures checked`);
    return report.ok ? 0 : 2;
  }
  const storage = await openStorage(configFromEnv());
  const engine = new ProjectionEngine(storage.eventStore, storage.documentStore, allProjections(), { logger: console });
  try {
    switch (command) {
      case 'projections': {
        const parked = await engine.deadLetters();
        for (const name of engine.names) {
          const checkpoint = await storage.documentStore.getCheckpoint(name);
          console.log(`${name}\tposition ${checkpoint?.position ?? 'none'}\tparked ${parked[name]!.count}`);
          for (const letter of parked[name]!.latest) {
            console.log(`  parked ${letter.type} at position ${letter.position} (${letter.streamId}, event ${letter.eventId}) ${letter.parkedAt}: ${letter.error}`);
          }
        }
        return 0;
      }
      case 'rebuild': {
        const names = arg === 'all' ? engine.names : arg ? [arg] : [];
        if (names.length === 0) throw new Error(`name a projection (${engine.names.join(', ')}) or all`);
        // The engine logs progress and the result of each rebuild.
        let caughtUp = true;
        for (const name of names) caughtUp = (await engine.rebuild(name)).caughtUp && caughtUp;
        return caughtUp ? 0 : 2;
      }
      case 'verify': {
        if (!arg) throw new Error('name a session id');
        const result = await verifyStream(storage.eventStore, sessionStream(arg));
        console.log(JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
        return result.ok ? 0 : 2;
      }
      default:
        console.error(USAGE);
        return 64;
    }
  } finally {
    await engine.stop();
    await storage.eventStore.close();
    await storage.documentStore.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
