// What the CLI prints: tables and colours for people, JSON for scripts (--json), a progress bar
// and a spinner on terminals only. Colours are off when stdout is not a TTY, with NO_COLOR or --no-color.
import type { Writable } from 'node:stream';

export interface Io {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

export class Output {
  constructor(
    readonly io: Io,
    readonly json: boolean,
    readonly colour: boolean,
  ) {}

  style(style: Style, text: string): string {
    if (!this.colour) return text;
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  line(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Notes for people (progress, hints): stderr, so stdout stays the result. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** The command's result: JSON with --json, else `human()`. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.line(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
    else human();
  }

  table(rows: Record<string, unknown>[], columns: string[]): void {
    if (rows.length === 0) {
      this.line(this.style('dim', '(none)'));
      return;
    }
    const cells = rows.map((row) => columns.map((column) => cell(row[column])));
    const widths = columns.map((column, i) => Math.min(60, Math.max(column.length, ...cells.map((r) => r[i]!.length))));
    const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
    this.line(this.style('bold', columns.map((c, i) => fit(c, widths[i]!)).join('  ').trimEnd()));
    for (const row of cells) this.line(row.map((c, i) => fit(c, widths[i]!)).join('  ').trimEnd());
  }

  /** key: value lines. */
  fields(record: Record<string, unknown>): void {
    const width = Math.max(...Object.keys(record).map((k) => k.length));
    for (const [key, value] of Object.entries(record)) this.line(`${this.style('dim', key.padEnd(width))}  ${cell(value, 200)}`);
  }

  /** A progress bar on stderr when it is a terminal; nothing otherwise. */
  progress(label: string): ProgressBar {
    return new ProgressBar(this.io.stderr, Boolean(this.io.stderr.isTTY) && !this.json, label);
  }

  /** A spinner on stdout when it is a terminal; nothing otherwise. */
  spinner(): Spinner {
    return new Spinner(this.io.stdout, Boolean(this.io.stdout.isTTY) && !this.json);
  }
}

function cell(value: unknown, max = 60): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class ProgressBar {
  private drawn = false;

  constructor(
    private readonly stream: Writable,
    private readonly enabled: boolean,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total}`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private text = '';

  constructor(
    private readonly stream: Writable,
    private readonly enabled: boolean,
  ) {}

  start(text: string): void {
    this.text = text;
    if (!this.enabled || this.timer) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 80);
  }

  set(text: string): void {
    this.text = text;
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\u001b[2K');
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\u001b[2K${FRAMES[this.frame]} ${this.text}`);
  }
}
