// Sessions: a list with status, type, project and counts; full-text search; filters.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { followAll, type LiveMode } from './live';
import type { SessionSummary } from './types';

const STATUSES = ['created', 'active', 'paused', 'archived'];
const TYPES = ['interactive', 'batch', 'research', 'collaborative'];

export function SessionList({ api }: { api: Api }) {
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const [project, setProject] = useState('');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<SessionSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Loads overlap (a filter changes while a live refresh is in flight): only an answer to the
  // filters and search asked last may draw, or a slow answer to older ones would overwrite the list
  // the user asked for. Live refreshes of the same list do not cancel each other (on a busy
  // service none would ever draw).
  const asked = useRef('');

  async function load(after: string | null = null) {
    const mine = JSON.stringify([query.trim(), status, type, project, after]);
    asked.current = mine;
    const current = () => mine === asked.current;
    setError(null);
    try {
      if (query.trim()) {
        // Search ranks by relevance; the filters then narrow what it found.
        const found = await api.get<{ items: SessionSummary[] }>(`/sessions/search?q=${encodeURIComponent(query.trim())}`);
        if (!current()) return;
        setItems(found.items.filter((s) => (!status || s.status === status) && (!type || s.type === type) && (!project || projectOf(s) === project)));
        setCursor(null);
        return;
      }
      const params = new URLSearchParams({ limit: '50' });
      if (status) params.set('status', status);
      if (type) params.set('type', type);
      if (project) params.set('project', project);
      if (after) params.set('cursor', after);
      const page = await api.get<{ items: SessionSummary[]; nextCursor: string | null }>(`/sessions?${params}`);
      if (!current()) return;
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (current()) setError(e instanceof Error ? e.message : String(e));
    }
  }

  useEffect(() => { void load(); }, [status, type]);

  // New sessions and new events of listed ones refresh the list (once per burst), with the
  // filters and search as they are then.
  const [live, setLive] = useState<LiveMode>('connecting');
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = followAll(api, {
      onMode: setLive,
      onEvent: () => {
        clearTimeout(timer);
        timer = setTimeout(() => void latestLoad.current(), 250);
      },
    });
    return () => { stop(); clearTimeout(timer); };
  }, [api]);

  return (
    <section aria-labelledby="sessions-heading">
      <div class="title-row">
        <h1 id="sessions-heading">Sessions</h1>
        <span class={`badge live live-${live}`} data-testid="list-live-status" aria-live="polite">Live: {live}</span>
      </div>
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label>Search sessions <input type="search" name="q" value={query} onInput={(e) => setQuery(e.currentTarget.value)} /></label>
        <label>Status <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}><option value="">any</option>{STATUSES.map((s) => <option value={s}>{s}</option>)}</select></label>
        <label>Type <select value={type} onChange={(e) => setType(e.currentTarget.value)}><option value="">any</option>{TYPES.map((t) => <option value={t}>{t}</option>)}</select></label>
        <label>Project <input type="text" name="project" value={project} onInput={(e) => setProject(e.currentTarget.value)} /></label>
        <button type="submit">Apply</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p>No sessions match.</p> : (
        <table class="sessions">
          <caption class="sr-only">Sessions you can read</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Type</th><th scope="col">Project</th><th scope="col">Questions</th><th scope="col">Materials</th><th scope="col">Discoveries</th><th scope="col">Checkpoints</th><th scope="col">Updated</th></tr></thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td><a href={`#/sessions/${encodeURIComponent(s.id)}`}>{s.name}</a></td>
                <td><span class={`badge status-${s.status}`}>{s.status}</span></td>
                <td>{s.type}</td>
                <td>{projectOf(s) ?? '—'}</td>
                <td class="num">{s.counts.queries}</td>
                <td class="num">{s.counts.materials}</td>
                <td class="num">{s.counts.discoveries}</td>
                <td class="num">{s.counts.checkpoints ?? 0}</td>
                <td><time dateTime={s.updatedAt}>{new Date(s.updatedAt).toLocaleString()}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && <button type="button" onClick={() => void load(cursor)}>Load more</button>}
    </section>
  );
}

export const projectOf = (s: { metadata: Record<string, unknown> }) => (typeof s.metadata?.project === 'string' ? s.metadata.project : undefined);
