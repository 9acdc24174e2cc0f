// The `crystalyse mcp` process on its own (`npm run mcp`, or `node dist/apps/cli/src/mcp-main.js`):
// the MCP server over stdio until the client closes stdin (commands/mcp.ts says the exit codes).
import { pathToFileURL } from 'node:url';
import { runMcpProcess } from './commands/mcp.js';

export const mcpCommand = runMcpProcess;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void runMcpProcess();
