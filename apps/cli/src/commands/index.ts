// Every `crystalyse` command, one file each. A new command is a file in this folder exporting a
// CliCommand, and one line here.
import type { CliCommand } from './command.js';
import { chatCommand } from './chat.js';
import { diffCommand } from './diff.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { openapiCommand } from './openapi.js';
import { projectionsCommand } from './projections.js';
import { replayCommand } from './replay.js';
import { serveCommand } from './serve.js';
import { sessionsCommand } from './sessions.js';
import { usersCommand } from './users.js';
import { verifyCommand } from './verify.js';
import { checkCommand } from './check.js';
import { verifyBundleCommand } from './verify-bundle.js';
import { mcpCommand } from './mcp.js';

export const commands: CliCommand[] = [
  serveCommand,
  chatCommand,
  sessionsCommand,
  replayCommand,
  diffCommand,
  exportCommand,
  importCommand,
  verifyCommand,
  projectionsCommand,
  usersCommand,
  openapiCommand,
  checkCommand,
  verifyBundleCommand,
  mcpCommand,
];
