// The agent's half of a workspace, in the seed guide's names (camelCase): query(), client-side
// tools (registerTool, getToolStates), discoveries and analytics. It works the same on a Session's
// main line and on a Branch: every path comes from the prefix WorkspaceCore was given.
import type {
  DiscoveryConfig, DiscoveryList, LinkDiscoveriesInput, QueryOptions, QueryResponse, RecordDiscoveryInput, SessionStatistics, SessionSummary, SessionTool,
  ToolInvocationInput,
} from './agent-types.js';
import { discoveryConfigChange } from './changes.js';
import type { HttpClient } from './http-client.js';
import { DEFAULT_QUERY_TIMEOUT_MS, runQuery } from './session-query.js';
import { ClientTools } from './session-tools.js';
import type { CommandResult, JsonValue, SessionContext } from './types.js';
import { WorkspaceCore, type WorkspaceOptions } from './workspace-core.js';

export type ToolsView = { revision: number; states: Record<string, JsonValue>; available: string[] };

export abstract class SessionAgent extends WorkspaceCore {
  private readonly tools = new ClientTools();
  private readonly queryTimeoutMs: number;

  protected constructor(http: HttpClient, prefix: string, revision: number, options: WorkspaceOptions) {
    super(http, prefix, revision, options);
    this.queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  }

  abstract getContext(): Promise<SessionContext>;

  /**
   * The seed's `session.query(text)`: the registered tools run first (session-tools.ts), then the
   * question is asked and its recorded outcome returned: answer, analysis, materials, discoveries,
   * the server's tool calls... With `onProgress`, the answer streams (session-query.ts). A failed
   * analyst is a SessionError `query_failed` (502), `recoverable` when asking again may work.
   */
  query(text: string, options?: QueryOptions): Promise<QueryResponse> {
    return runQuery(
      {
        http: this.http,
        path: this.path('/queries'),
        timeoutMs: this.queryTimeoutMs,
        getContext: () => this.getContext(),
        recordToolInvocation: (run) => this.recordToolInvocation(run),
        track: (send) => this.track(send),
      },
      this.tools,
      text,
      options,
    );
  }

  /** The seed's `session.register_tool(tool)`: `tool` runs before each query of this object. Returns its unregister function. */
  registerTool(tool: SessionTool): () => void {
    return this.tools.register(tool);
  }

  unregisterTool(name: string): boolean {
    return this.tools.unregister(name);
  }

  /** The tools registered on this object. They live in this process: register them again on a Session loaded elsewhere. */
  get registeredTools(): string[] {
    return this.tools.names;
  }

  /** The seed's `session.get_tool_states()`: tool name → the state it keeps in this session. */
  async getToolStates(): Promise<Record<string, JsonValue>> {
    return (await this.getTools()).states;
  }

  /** The tool states, and the names of the server's own tools (those its analyst calls). */
  getTools(): Promise<ToolsView> {
    return this.http.get<ToolsView>(this.path('/tools'));
  }

  /** Records a run of a tool that ran outside a query (the runs of registered tools are recorded already). */
  recordToolInvocation(run: ToolInvocationInput) {
    return this.run<CommandResult & { invocationId: string }>({ method: 'POST', path: this.path('/tools/invocations'), body: run });
  }

  /** The seed's `configure_discoveries(auto_detect=..., min_confidence=..., categories=...)`; settings left out stay. */
  configureDiscoveries(settings: Partial<DiscoveryConfig>) {
    return this.run(discoveryConfigChange(this.path('/discoveries/config'), settings));
  }

  /** The seed's `record_discovery(type=..., description=..., materials=..., evidence=..., confidence=...)`; returns the new id. */
  async recordDiscovery(discovery: RecordDiscoveryInput): Promise<string> {
    return (await this.run<CommandResult & { discoveryId: string }>({ method: 'POST', path: this.path('/discoveries'), body: discovery })).discoveryId;
  }

  /** The seed's `link_discoveries(discovery_ids=..., relationship=..., notes=...)`. */
  linkDiscoveries(link: LinkDiscoveriesInput) {
    return this.run<CommandResult & { linkId: string }>({ method: 'POST', path: this.path('/discoveries/links'), body: link });
  }

  validateDiscovery(id: string, note?: string) {
    return this.run({ method: 'POST', path: this.discoveryPath(id, 'validate'), body: note === undefined ? {} : { note } });
  }

  /** Rejected discoveries leave the context and the statistics but stay in the log and in getDiscoveries(). */
  rejectDiscovery(id: string, reason?: string) {
    return this.run({ method: 'POST', path: this.discoveryPath(id, 'reject'), body: reason === undefined ? {} : { note: reason } });
  }

  tagDiscovery(id: string, tags: string[]) {
    return this.run({ method: 'POST', path: this.discoveryPath(id, 'tags'), body: { tags } });
  }

  /** Pinned discoveries say `pinned: true` in getDiscoveries(); pinning one again changes nothing. */
  pinDiscovery(id: string) {
    return this.run({ method: 'POST', path: this.discoveryPath(id, 'pin'), body: {} });
  }

  unpinDiscovery(id: string) {
    return this.run({ method: 'POST', path: this.discoveryPath(id, 'unpin'), body: {} });
  }

  /** Every discovery (rejected ones too), the links between them and the detection settings. */
  getDiscoveries(): Promise<DiscoveryList> {
    return this.http.get<DiscoveryList>(this.path('/discoveries'));
  }

  /** The seed's `session.get_statistics()`: durationMinutes, queryCount, materialCount, discoveryCount, toolUsage... */
  getStatistics(): Promise<SessionStatistics> {
    return this.http.get<SessionStatistics>(this.path('/statistics'));
  }

  /** The seed's `session.generate_summary()`: keyFindings, materialsOfInterest, nextSteps; also recorded in the session. */
  generateSummary(): Promise<SessionSummary> {
    return this.run<SessionSummary>({ method: 'POST', path: this.path('/summary') });
  }

  private discoveryPath(id: string, action: string): string {
    return this.path(`/discoveries/${encodeURIComponent(id)}/${action}`);
  }
}
