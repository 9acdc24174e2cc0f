// One session: header with the chain badge and live status, time travel and diff, asking, the
// conversation, discoveries, materials, checkpoints, branches, statistics and sharing.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { AskBox } from './Ask';
import { StatisticsCharts } from './Charts';
import { followSession, type LiveEvent, type LiveMode } from './live';
import { Branches, Checkpoints, Conversation, Discoveries, Materials } from './panels';
import { projectOf } from './SessionList';
import { Sharing } from './Sharing';
import { DiffView, TimeTravel } from './TimeTravel';
import type { Branch, Me, SessionState, SessionSummary, Statistics, Verification } from './types';

interface Loaded { session: SessionSummary; state: SessionState; branches: Branch[]; stats: Statistics; verify: Verification }

export function SessionPage({ api, me, sessionId }: { api: Api; me: Me; sessionId: string }) {
  const base = `/sessions/${encodeURIComponent(sessionId)}`;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewAt, setViewAt] = useState<number | null>(null);
  const [past, setPast] = useState<SessionState | null>(null);
  const [live, setLive] = useState<LiveMode>('connecting');
  const [feed, setFeed] = useState<LiveEvent[]>([]);
  const pastRequest = useRef(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Reloads overlap when live events keep coming: an answer older than the one drawn is dropped,
  // or a slower, older answer would put the page back in time until the next event. (Not "only the
  // latest request": on a busy session each reload would cancel the one before and none would draw.)
  const drawn = useRef({ base, revision: -1 });
  const reload = useCallback(async () => {
    try {
      const [session, state, branches, stats, verify] = await Promise.all([
        api.get<SessionSummary>(base),
        api.get<SessionState>(`${base}/state`),
        api.get<{ items: Branch[] }>(`${base}/branches`),
        api.get<Statistics>(`${base}/statistics`),
        api.get<Verification>(`${base}/verify`),
      ]);
      if (drawn.current.base === base && session.revision < drawn.current.revision) return;
      drawn.current = { base, revision: session.revision };
      setData({ session, state, branches: branches.items, stats, verify });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, base]);

  // Live events trigger one reload for a burst (a question appends several events at once).
  const reloadSoon = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void reload(), 120);
  }, [reload]);

  useEffect(() => { setData(null); setViewAt(null); setPast(null); setFeed([]); void reload(); }, [reload]);

  const loaded = data !== null;
  useEffect(() => {
    if (!loaded) return;
    const stop = followSession(api, sessionId, {
      fromRevision: data.session.revision + 1,
      onMode: setLive,
      onOpen: reloadSoon,
      onEvent: (event) => {
        setFeed((f) => [event, ...f].slice(0, 30));
        reloadSoon();
      },
    });
    return () => { stop(); clearTimeout(reloadTimer.current); };
  }, [loaded, api, sessionId]);

  async function showAt(at: string) {
    const ticket = ++pastRequest.current;
    try {
      const state = await api.get<SessionState>(`${base}/state?at=${encodeURIComponent(at)}`);
      if (ticket !== pastRequest.current) return;
      setPast(state);
      setViewAt(state.atRevision);
    } catch (e) {
      if (ticket === pastRequest.current) setError(e instanceof Error ? e.message : String(e));
    }
  }
  function showRevision(revision: number) {
    setViewAt(revision);
    void showAt(String(revision));
  }
  function backToNow() {
    pastRequest.current += 1;
    setViewAt(null);
    setPast(null);
  }

  if (!data) return error ? <p role="alert" class="error">{error}</p> : <p>Loading the session…</p>;
  const { session, state, branches, stats, verify } = data;
  const head = session.revision;
  // While an earlier state loads, the page keeps what it showed rather than mixing two points in time.
  const pastReady = viewAt !== null && past !== null && past.atRevision === viewAt;
  const shown = pastReady ? past : state;
  const isOwner = session.ownerId === me.id;

  return (
    <article class="session" aria-labelledby="session-title">
      <header class="session-head">
        <p><a href="#/">← All sessions</a></p>
        <h1 id="session-title">{session.name}</h1>
        <p class="badges">
          <span class={`badge status-${session.status}`}>{session.status}</span>
          <span class="badge">{session.type}</span>
          {projectOf(session) && <span class="badge">project {projectOf(session)}</span>}
          <span class="badge">revision {head}</span>
          <span class={`badge chain ${verify.ok ? 'ok' : 'broken'}`} data-testid="chain-badge" title={verify.headHash ? `head hash ${verify.headHash}` : undefined}>
            {verify.ok ? `Chain verified (${verify.eventsChecked} events)` : 'Chain broken'}
          </span>
          <span class={`badge live live-${live}`} data-testid="live-status" aria-live="polite">Live: {live}</span>
        </p>
        {error && <p role="alert" class="error">{error}</p>}
      </header>

      <section class="panel" aria-labelledby="tt-heading">
        <h2 id="tt-heading">Time travel</h2>
        <TimeTravel head={head} viewAt={viewAt} onRevision={showRevision} onInstant={(iso) => void showAt(iso)} onNow={backToNow} />
        {viewAt !== null && !pastReady && <p class="past-banner" role="status">Loading revision {viewAt}…</p>}
        {pastReady && (
          <p class="past-banner" role="status" data-testid="past-banner">
            {viewAt < 0 ? 'Showing the session before it was created: nothing was recorded yet.'
              : `Showing the session as it was at revision ${viewAt}: ${count(shown.workspace.conversation.length, 'question')}, ${count(shown.workspace.discoveries.length, 'discovery', 'discoveries')}, ${count(shown.workspace.materials.length, 'material')}.`}
          </p>
        )}
        <details>
          <summary>Compare two revisions</summary>
          <DiffView api={api} base={base} head={head} />
        </details>
      </section>

      <div class="columns">
        <div>
          <section class="panel" aria-labelledby="conv-heading">
            <h2 id="conv-heading">Conversation</h2>
            {viewAt === null && <AskBox api={api} base={base} onRecorded={reloadSoon} />}
            <Conversation state={shown} />
          </section>
          <section class="panel" aria-labelledby="materials-heading">
            <h2 id="materials-heading">Materials</h2>
            <Materials state={shown} />
          </section>
        </div>
        <div>
          <section class="panel" aria-labelledby="disc-heading" data-testid="discoveries">
            <h2 id="disc-heading">Discoveries</h2>
            <Discoveries state={shown} />
          </section>
          <section class="panel" aria-labelledby="cp-heading">
            <h2 id="cp-heading">Checkpoints</h2>
            <Checkpoints checkpoints={shown.governance.checkpoints} onShow={showRevision} />
          </section>
          <section class="panel" aria-labelledby="branches-heading" data-testid="branches">
            <h2 id="branches-heading">Branches</h2>
            <Branches branches={branches} />
          </section>
          <section class="panel" aria-labelledby="stats-heading">
            <h2 id="stats-heading">Statistics</h2>
            <StatisticsCharts stats={stats} />
          </section>
          {isOwner && <Sharing api={api} base={base} />}
          <section class="panel" aria-labelledby="feed-heading">
            <h2 id="feed-heading">Live events</h2>
            {feed.length === 0 ? <p>Waiting for new events…</p> : (
              <ol class="feed" aria-live="polite" data-testid="live-feed">
                {feed.map((e, i) => <li key={`${e.position ?? i}-${e.type}`}>{e.type}{e.branchId ? ` · in ${branchName(data.branches, e.branchId)}` : ''}{e.revision !== undefined ? ` · revision ${e.revision}` : ''}</li>)}
              </ol>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

const branchName = (branches: Branch[], id: string) => `branch ${branches.find((b) => b.branchId === id)?.name ?? id.slice(0, 8)}`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
