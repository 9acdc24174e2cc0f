// `crystalyse projections [rebuild <name|all>]` (and `crystalyse rebuild <name|all>`, as before):
// the read models' positions and parked events, and rebuilding them with a progress bar.
import type { Command } from 'commander';
import type { ProjectionRebuild, SessionManager } from '@crystalyse/sdk';
import type { CliContext } from '../cli-context.js';
import { CommandFailed, UsageError } from '../exit-codes.js';
import type { CliCommand } from './command.js';

async function list(ctx: CliContext): Promise<void> {
  const items = await (await ctx.sessions()).admin.projections();
  ctx.out.result(items, () => {
    ctx.out.table(items.map((p) => ({ projection: p.name, state: p.state, position: p.position, parked: p.deadLetters?.count ?? 0 })), ['projection', 'state', 'position', 'parked']);
    for (const p of items) {
      for (const letter of p.deadLetters?.latest ?? []) {
        ctx.out.line(`  ${ctx.out.style('yellow', 'parked')} ${p.name}: ${letter.type} at position ${letter.position} (${letter.streamId}, event ${letter.eventId}) ${letter.parkedAt}: ${letter.error}`);
      }
    }
  });
}

/** Rebuilds while polling the projection's position for the progress bar (the target: its position before). */
async function rebuildOne(ctx: CliContext, manager: SessionManager, name: string, target: number) {
  const bar = ctx.out.progress(`rebuilding ${name}`);
  let done = false;
  const poll = (async () => {
    while (!done) {
      const status = (await manager.admin.projections().catch(() => [])).find((p) => p.name === name);
      if (status && !done) bar.update(Math.min(Number(status.position), target), target);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    const result = await manager.admin.rebuildProjection(name);
    bar.update(target, target);
    return result;
  } finally {
    done = true;
    await poll;
    bar.finish();
  }
}

async function rebuild(ctx: CliContext, which: string | undefined): Promise<void> {
  if (!which) throw new UsageError('name a projection, or all');
  const manager = await ctx.sessions();
  const statuses = await manager.admin.projections();
  const names = which === 'all' ? statuses.map((p) => p.name) : [which];
  const results: ProjectionRebuild[] = [];
  for (const name of names) {
    const before = statuses.find((p) => p.name === name);
    results.push(await rebuildOne(ctx, manager, name, Number(before?.position ?? 0)));
  }
  ctx.out.result(results, () => {
    for (const r of results) ctx.out.line(`${r.projection}: ${r.caughtUp ? ctx.out.style('green', 'rebuilt') : ctx.out.style('red', 'interrupted')}, ${r.events} events in ${r.ms} ms (${r.eventsPerSecond} events/s)`);
  });
  if (results.some((r) => !r.caughtUp)) throw new CommandFailed('a rebuild did not catch up');
}

function addRebuild(parent: Command, ctx: CliContext): void {
  parent
    .command('rebuild [name]')
    .description('rebuild a read model (or all) from the first event, with a progress bar')
    .action((name: string | undefined) => rebuild(ctx, name));
}

export const projectionsCommand: CliCommand = {
  name: 'projections',
  register(program, ctx) {
    const projections = program
      .command('projections')
      .description('the read models: position, state and parked events; `projections rebuild <name|all>`')
      .action(() => list(ctx));
    addRebuild(projections, ctx);
    // `crystalyse rebuild <name|all>`: the older spelling, kept.
    addRebuild(program, ctx);
  },
};
