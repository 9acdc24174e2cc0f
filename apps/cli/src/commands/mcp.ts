// `crystalyse mcp`: the MCP server over stdio (apps/cli/src/mcp.ts), until the client closes stdin.
// Exit codes: 0 when the client went away, 2 when CRYSTALYSE_KEY is missing or refused, 1 on any
// other failure. (`npm run mcp` runs the same through mcp-main.ts.)
import { McpKeyRefused, runMcpStdio } from '../mcp.js';
import type { CliCommand } from './command.js';

export async function runMcpProcess(): Promise<never> {
  // stdout carries the protocol: anything a library logs goes to stderr instead.
  console.log = console.error;
  console.info = console.error;
  try {
    const server = await runMcpStdio();
    await server.closed;
    process.exit(0);
  } catch (error) {
    console.error(`crystalyse mcp: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof McpKeyRefused ? 2 : 1);
  }
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  register(program) {
    program
      .command('mcp')
      .description('the MCP server over stdio (the key from CRYSTALYSE_KEY; CRYSTALYSE_URL for a running API)')
      .action(() => runMcpProcess());
  },
};
