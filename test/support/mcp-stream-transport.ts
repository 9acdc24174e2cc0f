// An MCP client transport over a pair of streams, framed exactly as stdio frames it (the SDK's
// own ReadBuffer and serializeMessage): lets a test talk to `runMcpStdio` in-process through
// the real StdioServerTransport without spawning a process.
import { PassThrough } from 'node:stream';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export class StreamPairClientTransport implements Transport {
  /** What the server reads (its stdin). */
  readonly serverStdin = new PassThrough();
  /** What the server writes (its stdout). */
  readonly serverStdout = new PassThrough();
  private readonly buffer = new ReadBuffer();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  async start(): Promise<void> {
    this.serverStdout.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message; message = this.buffer.readMessage()) this.onmessage?.(message);
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.serverStdin.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.serverStdin.end();
    this.onclose?.();
  }
}
