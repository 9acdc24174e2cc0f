// The embedded event store is checked before it is opened (libs/event-store/src/integrity). A
// damaged file is never written to unless the operator says so:
// - read-only (default): the store opens read-only; reads are served, every write answers 503
//   naming the damage; /health says `damaged`.
// - refuse: the service does not start (exit code 2), printing the damage.
// - allow-writes: the operator has looked and accepts the damage; the service writes anyway
//   (the damage is still printed at every start).
// CRYSTALYSE_STARTUP_CHECK=off skips the check. docs/caching-and-recovery.md has the runbook.
import { checkEventStoreFile, formatIntegrityReport, type IntegrityReport } from '@crystalyse/event-store';
import type { IntegrityConfig } from '../config/app-config.js';

export interface StoreIntegrity {
  /** The start-up check's report; undefined when it was off or the store is not embedded. */
  report?: IntegrityReport;
  /** Set when writes are refused: why, and what the operator can do. */
  readOnly?: string;
}

/** Thrown by openStorage when the service must not start on this file. */
export class StoreDamaged extends Error {
  constructor(
    message: string,
    readonly report?: IntegrityReport,
  ) {
    super(message);
    this.name = 'StoreDamaged';
  }
}

const RUNBOOK = 'run `npm run cli -- check --full` for every problem, then restore the file from a backup (or export what reads and re-import it), or start with CRYSTALYSE_ON_DAMAGE=allow-writes to accept the damage; see docs/caching-and-recovery.md';

/** One line for a 503 and /health: the file, the first problem, how many there are. */
export function damageSummary(report: IntegrityReport): string {
  const first = report.problems[0];
  const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more problem(s))` : '';
  return `the event store ${report.file} is damaged: ${first ? `[${first.kind}] ${first.message}` : 'unknown damage'}${more}`;
}

export function checkAtStartup(file: string, config: IntegrityConfig, print: (text: string) => void = (text) => console.error(text)): StoreIntegrity {
  if (config.startupCheck === 'off') return {};
  const report = checkEventStoreFile(file, { level: config.startupCheck });
  if (report.ok) return { report };
  const summary = damageSummary(report);
  if (config.onDamage === 'refuse') {
    const text = `${formatIntegrityReport(report)}\nThe service does not start on a damaged event store (CRYSTALYSE_ON_DAMAGE=refuse): ${RUNBOOK}.`;
    throw new StoreDamaged(text, report);
  }
  if (config.onDamage === 'allow-writes') {
    print(`${formatIntegrityReport(report)}\nCRYSTALYSE_ON_DAMAGE=allow-writes: the operator accepted this damage; the service WRITES to the file anyway.`);
    return { report };
  }
  const readOnly = `${summary}. Writes are refused until an operator acts: ${RUNBOOK}.`;
  print(`${formatIntegrityReport(report)}\nSTARTING READ-ONLY: reads are served, every write answers 503 (CRYSTALYSE_ON_DAMAGE=read-only). An operator must act: ${RUNBOOK}.`);
  return { report, readOnly };
}
