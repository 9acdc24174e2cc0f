// `npm run cli -- check [--full] [--json] [--file <events.db>]`: the start-up check, offline, on
// the file itself (nothing else is opened, nothing is written). Exit 0 when whole, 2 when damaged,
// 1 when there is no file to check. The CLI's entry only calls this.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { checkEventStoreFile, formatIntegrityReport } from './check-event-store-file.js';

export interface CheckOutput {
  log(line: string): void;
  error(line: string): void;
}

export function runCheckCommand(args: string[], dataDir: string, out: CheckOutput = console): number {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: { full: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, file: { type: 'string' } },
  });
  const file = values.file ?? join(dataDir, 'events.db');
  const report = checkEventStoreFile(file, { level: values.full ? 'full' : 'quick' });
  if (values.json) out.log(JSON.stringify(report, null, 2));
  else (report.ok ? out.log : out.error)(formatIntegrityReport(report));
  if (!report.exists) {
    if (!values.json) out.error(`(set CRYSTALYSE_DATA_DIR or --file to the store to check)`);
    return 1;
  }
  if (!report.ok && !values.json) {
    out.error('The service will not write to this file until an operator acts: see docs/caching-and-recovery.md ("Recovery").');
  }
  return report.ok ? 0 : 2;
}
