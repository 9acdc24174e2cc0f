// `crystalyse verify-bundle <audit.json>`: checks an audit bundle (GET /v1/sessions/:id/audit)
// offline, opening no storage: every chain recomputed, the signatures checked (verify-bundle.ts).
import { readFileSync } from 'node:fs';
import { CommandFailed } from '../exit-codes.js';
import { verifyBundle } from '../verify-bundle.js';
import type { CliCommand } from './command.js';

export const verifyBundleCommand: CliCommand = {
  name: 'verify-bundle',
  register(program, ctx) {
    program
      .command('verify-bundle <file>')
      .description('check an audit bundle offline (exit 2 when it does not hold)')
      .action(async (file: string) => {
        const report = await verifyBundle(JSON.parse(readFileSync(file, 'utf8')));
        ctx.out.result(report, () => {
          for (const problem of report.problems) ctx.out.line(`FAIL ${problem}`);
          ctx.out.line(`${report.ok ? 'OK' : 'NOT OK'}: ${report.streams} streams, ${report.events} events, ${report.signatures} signatures checked`);
        });
        if (!report.ok) throw new CommandFailed('the audit bundle does not hold', 2);
      });
  },
};
