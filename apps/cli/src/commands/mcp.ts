// `crystalyse mcp`: the MCP server over stdio (apps/cli/src/mcp.ts), until the client closes stdin.
import { mcpCommand as runMcp } from '../mcp-main.js';
import type { CliCommand } from './command.js';

export const mcpCommand: CliCommand = {
  name: 'mcp',
  register(program) {
    program
      .command('mcp')
      .description('the MCP server over stdio (the key from CRYSTALYSE_KEY; CRYSTALYSE_URL for a running API)')
      .action(() => runMcp());
  },
};
