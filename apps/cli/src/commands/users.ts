// `crystalyse users add <name> [--role admin]` and `crystalyse users keys <userId> [--label] [--revoke keyId]`.
import type { CliCommand } from './command.js';
import { UsageError } from '../exit-codes.js';

export const usersCommand: CliCommand = {
  name: 'users',
  register(program, ctx) {
    const users = program.command('users').description('users and their API keys (owner or admin)');
    users
      .command('add <name>')
      .description('create a user; prints their first API key (shown once)')
      .option('--role <role>', 'member (default) or admin', 'member')
      .action(async (name: string, options: { role: string }) => {
        if (options.role !== 'member' && options.role !== 'admin') throw new UsageError(`--role must be member or admin, got "${options.role}"`);
        const created = await (await ctx.sessions()).admin.createUser(name, { role: options.role });
        ctx.out.result(created, () => ctx.out.fields({ user: created.id, name, keyId: created.keyId, apiKey: created.apiKey, note: 'the key is shown once: keep it' }));
      });
    users
      .command('keys <userId>')
      .description("issue a new API key for a user (or --revoke one)")
      .option('--label <label>', 'what the key is for')
      .option('--revoke <keyId>', 'revoke this key instead')
      .option('--reason <reason>', 'why (kept in the log)')
      .action(async (userId: string, options: { label?: string; revoke?: string; reason?: string }) => {
        const admin = (await ctx.sessions()).admin;
        if (options.revoke) {
          const revoked = await admin.revokeKey(userId, options.revoke, { reason: options.reason });
          ctx.out.result(revoked, () => ctx.out.line(`revoked ${options.revoke}`));
          return;
        }
        const issued = await admin.issueKey(userId, { label: options.label, reason: options.reason });
        ctx.out.result(issued, () => ctx.out.fields({ user: issued.id, keyId: issued.keyId, apiKey: issued.apiKey, note: 'the key is shown once: keep it' }));
      });
  },
};
