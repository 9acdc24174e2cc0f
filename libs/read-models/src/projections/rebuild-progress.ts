// Progress of a rebuild, logged every N events with the running rate, so an operator can tell
// a slow rebuild from a stuck one.
import type { ProjectionLogger } from './projection-logger.js';

export interface RebuildResult {
  projection: string;
  /** False when the rebuild was stopped or timed out before reaching the head. */
  caughtUp: boolean;
  events: number;
  ms: number;
  eventsPerSecond: number;
}

export class RebuildProgress {
  private readonly startedAt = performance.now();
  private events = 0;
  private nextReport: number;

  constructor(
    private readonly projection: string,
    private readonly every: number,
    private readonly logger: ProjectionLogger,
  ) {
    this.nextReport = every;
  }

  advance(events: number): void {
    this.events += events;
    if (this.events < this.nextReport) return;
    this.nextReport = this.events + this.every;
    this.logger.log(`${this.projection}: rebuilt ${this.events} events (${this.rate()} events/s)`);
  }

  finish(caughtUp: boolean): RebuildResult {
    const ms = Math.round(performance.now() - this.startedAt);
    const result = { projection: this.projection, caughtUp, events: this.events, ms, eventsPerSecond: this.rate() };
    this.logger.log(`${this.projection}: rebuild ${caughtUp ? 'done' : 'interrupted'}: ${this.events} events in ${ms} ms (${result.eventsPerSecond} events/s)`);
    return result;
  }

  private rate(): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return seconds > 0 ? Math.round(this.events / seconds) : 0;
  }
}
