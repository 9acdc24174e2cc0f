// `crystalyse sessions list|search|show`.
import type { Session } from '@crystalyse/sdk';
import { positiveInt, type CliCommand } from './command.js';

const row = (s: Session) => ({ id: s.id, name: s.name, type: s.type, status: s.status, revision: s.revision, updated: s.updatedAt });
const COLUMNS = ['id', 'name', 'type', 'status', 'revision', 'updated'];

export const sessionsCommand: CliCommand = {
  name: 'sessions',
  register(program, ctx) {
    const sessions = program.command('sessions').description('list, search and show sessions');
    sessions
      .command('list')
      .description('your sessions, newest first')
      .option('--status <status>', 'created | active | paused | archived')
      .option('--limit <n>', 'at most this many', '50')
      .action(async (options: { status?: string; limit: string }) => {
        const manager = await ctx.sessions();
        const found = await manager.listSessions({ limit: positiveInt(options.limit, '--limit'), ...(options.status ? { status: options.status as never } : {}) });
        ctx.out.result(found.map(row), () => ctx.out.table(found.map(row), COLUMNS));
      });
    sessions
      .command('search <query>')
      .description('full-text search over names, metadata, questions and discoveries')
      .option('--limit <n>', 'at most this many', '20')
      .action(async (query: string, options: { limit: string }) => {
        const manager = await ctx.sessions();
        const found = await manager.searchSessions({ query, limit: positiveInt(options.limit, '--limit') });
        ctx.out.result(found.map(row), () => ctx.out.table(found.map(row), COLUMNS));
      });
    sessions
      .command('show <id>')
      .description("a session's details, counts and checkpoints")
      .action(async (id: string) => {
        const manager = await ctx.sessions();
        const session = await manager.loadSession(id, { lazyLoad: true });
        const checkpoints = await session.listCheckpoints();
        const detail = { ...row(session), owner: session.ownerId, created: session.createdAt, metadata: session.metadata, counts: session.counts };
        ctx.out.result({ ...detail, checkpoints }, () => {
          ctx.out.fields(detail);
          if (checkpoints.length > 0) ctx.out.line(`${ctx.out.style('dim', 'checkpoints')}  ${checkpoints.map((c) => c.name).join(', ')}`);
        });
      });
  },
};
