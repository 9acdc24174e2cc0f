// The `crystalyse mcp` process (`npm run mcp`, or `node dist/apps/cli/src/mcp-main.js`): the MCP
// server over stdio until the client closes stdin. Exit codes: 0 when the client went away, 2
// when CRYSTALYSE_KEY is missing or refused, 1 on any other failure. The CLI registers it as
// `program.command('mcp').action(mcpCommand)`.
import { pathToFileURL } from 'node:url';
import { McpKeyRefused, runMcpStdio } from './mcp.js';

export async function mcpCommand(): Promise<never> {
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void mcpCommand();
