// The `crystalyse` program on commander: global options, every command from commands/index.ts,
// and one place that turns what happened into an exit code (0 ok, 1 refused, 2 usage, 3 not
// found, 4 conflict).
import { Command, CommanderError } from 'commander';
import { CliContext, type GlobalOptions } from './cli-context.js';
import { commands } from './commands/index.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { Io } from './output.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('crystalyse')
    .description('Crystalyse Sessions: event-sourced research sessions of an AI materials-design agent')
    .option('--url <url>', 'a remote service (or CRYSTALYSE_URL); embedded storage when absent')
    .option('--key <apiKey>', 'the API key for the remote service (or CRYSTALYSE_KEY); embedded: the owner by default')
    .option('--data-dir <dir>', 'embedded storage directory (or CRYSTALYSE_DATA_DIR; default ./data)')
    .option('--json', 'print results as JSON, for scripts')
    .option('--no-color', 'no colours (also when stdout is not a terminal, or NO_COLOR is set)')
    .showHelpAfterError('(crystalyse --help lists the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  for (const command of commands) command.register(program, ctx);
  return program;
}

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let program: Command | undefined;
  const ctx = new CliContext(io, env, () => (program?.opts() ?? {}) as GlobalOptions);
  program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    if (ctx.options.json) io.stderr.write(`${JSON.stringify({ error: errorJson(error), exitCode: code })}\n`);
    else io.stderr.write(`${ctx.out.style('red', 'error:')} ${message}\n`);
    return code;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

function errorJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, status, field, kind } = error as { code?: unknown; status?: unknown; field?: unknown; kind?: unknown };
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }), ...(status === undefined ? {} : { status }), ...(field === undefined ? {} : { field }), ...(kind === undefined ? {} : { kind }) };
}
