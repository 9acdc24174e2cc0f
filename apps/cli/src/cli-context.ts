// What every command gets: the global options, the output, and the SDK's SessionManager in the
// mode the options choose: remote (--url / CRYSTALYSE_URL, with --key / CRYSTALYSE_KEY) or embedded
// (--data-dir / CRYSTALYSE_DATA_DIR / ./data: the service in this process, no server needed).
import { SessionManager } from '@crystalyse/sdk';
import { Output, type Io } from './output.js';
import { UsageError } from './exit-codes.js';

export interface GlobalOptions {
  url?: string;
  key?: string;
  dataDir?: string;
  json?: boolean;
  color?: boolean;
}

export class CliContext {
  private manager: SessionManager | undefined;
  private output: Output | undefined;

  constructor(
    readonly io: Io,
    readonly env: NodeJS.ProcessEnv,
    /** Reads the global options as parsed so far (commander fills them in before an action runs). */
    private readonly globals: () => GlobalOptions,
  ) {}

  get options(): GlobalOptions {
    return this.globals();
  }

  get out(): Output {
    if (!this.output) {
      const { json, color } = this.options;
      const colour = color !== false && !this.env.NO_COLOR && Boolean(this.io.stdout.isTTY);
      this.output = new Output(this.io, Boolean(json), colour);
    }
    return this.output;
  }

  /** Remote when a URL is given (flag or CRYSTALYSE_URL), embedded otherwise. */
  get mode(): 'remote' | 'embedded' {
    return this.options.dataDir === undefined && (this.options.url ?? this.env.CRYSTALYSE_URL) ? 'remote' : 'embedded';
  }

  get dataDir(): string {
    return this.options.dataDir ?? this.env.CRYSTALYSE_DATA_DIR ?? './data';
  }

  async sessions(): Promise<SessionManager> {
    if (this.manager) return this.manager;
    if (this.mode === 'remote') {
      const baseUrl = (this.options.url ?? this.env.CRYSTALYSE_URL)!;
      const apiKey = this.options.key ?? this.env.CRYSTALYSE_KEY;
      if (!apiKey) throw new UsageError('a remote service needs an API key: --key or CRYSTALYSE_KEY');
      this.manager = new SessionManager({ baseUrl, apiKey, maxRetries: 2 });
    } else {
      const apiKey = this.options.key ?? this.env.CRYSTALYSE_KEY;
      this.manager = await SessionManager.embedded({ dataDir: this.dataDir, env: this.env, ...(apiKey ? { apiKey } : {}) });
    }
    return this.manager;
  }

  async close(): Promise<void> {
    await this.manager?.close();
    this.manager = undefined;
  }
}
