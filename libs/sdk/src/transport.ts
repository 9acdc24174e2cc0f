// How the SDK reaches the service. Every call the SDK makes is one exchange through a Transport:
// a method, a path, headers and a body in; a status, headers and a body out. The Web Fetch API is
// that shape already, so a Transport is a fetch plus a close: remote is the global fetch over a
// socket, embedded is the same application answered in-process (embedded-transport.ts).
export interface Transport {
  /** 'remote' or 'embedded': said in errors and by the CLI. */
  readonly mode: 'remote' | 'embedded';
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Frees what the transport holds (the embedded application and its files); remote: nothing. */
  close(): Promise<void>;
}

export function remoteTransport(fetchImpl: typeof fetch = (url, init) => fetch(url, init)): Transport {
  return { mode: 'remote', fetch: (url, init) => fetchImpl(url, init), close: async () => undefined };
}
