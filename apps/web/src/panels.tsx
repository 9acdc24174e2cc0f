// The parts of a session, each drawn from one SessionState (now, or as it was at a revision).
import { useMemo } from 'preact/hooks';
import { GraphView } from './GraphView';
import { branchGraph, discoveryGraph } from './graphs';
import type { Branch, CheckpointRecord, SessionState } from './types';

export function Conversation({ state }: { state: SessionState }) {
  const { conversation, toolInvocations } = state.workspace;
  const byQuery = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const call of toolInvocations) if (call.queryId) map.set(call.queryId, [...(map.get(call.queryId) ?? []), `${call.tool}${call.failed ? ' (failed)' : ''}`]);
    return map;
  }, [toolInvocations]);
  if (conversation.length === 0) return <p>No questions yet.</p>;
  return (
    <ol class="conversation">
      {conversation.map((turn) => (
        <li key={turn.id} class={`turn turn-${turn.status}`}>
          <p class="question"><span class="sr-only">Question: </span>{turn.question}</p>
          <p class="meta">{turn.status}{turn.offline ? ' · offline analyst' : ''}{turn.origin ? ' · merged from a branch' : ''} · <time dateTime={turn.askedAt}>{new Date(turn.askedAt).toLocaleString()}</time></p>
          {(byQuery.get(turn.id)?.length ?? 0) > 0 && <p class="tools">Tool calls: {byQuery.get(turn.id)!.join(', ')}</p>}
          {turn.materials.length > 0 && <p class="materials">Materials: {turn.materials.map((m) => <span class="chip" key={m}>{m}</span>)}</p>}
          {turn.answer && <div class="answer"><span class="sr-only">Answer: </span>{turn.answer}</div>}
          {turn.failure && <p class="error">Failed: {turn.failure.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

export function Materials({ state }: { state: SessionState }) {
  const { materials } = state.workspace;
  if (materials.length === 0) return <p>No materials yet.</p>;
  return (
    <table class="materials-table">
      <caption class="sr-only">Materials</caption>
      <thead><tr><th scope="col">Formula</th><th scope="col">Name</th><th scope="col">Mentions</th><th scope="col">Source</th></tr></thead>
      <tbody>{materials.map((m) => <tr key={m.id}><td>{m.formula}</td><td>{m.name ?? '—'}</td><td class="num">{m.mentions}</td><td>{m.source}</td></tr>)}</tbody>
    </table>
  );
}

export function Discoveries({ state }: { state: SessionState }) {
  const { discoveries, discoveryLinks } = state.workspace;
  const graph = useMemo(() => discoveryGraph(discoveries, discoveryLinks), [discoveries, discoveryLinks]);
  if (discoveries.length === 0) return <p>No discoveries yet.</p>;
  return (
    <>
      <GraphView id="discoveries" graph={graph} label="Discoveries and the materials they concern" describe={(from, to, label) => `${from} — ${label} → ${to}`} />
      <ul class="discovery-list" aria-label="Discoveries">
        {discoveries.map((d) => <li key={d.id} data-discovery={d.id}><strong>{d.description}</strong> <span class="meta">{d.category.replace(/_/g, ' ')} · confidence {d.confidence} · {d.status}{d.pinned ? ' · pinned' : ''}</span></li>)}
      </ul>
    </>
  );
}

export function Checkpoints({ checkpoints, onShow }: { checkpoints: CheckpointRecord[]; onShow: (revision: number) => void }) {
  if (checkpoints.length === 0) return <p>No checkpoints yet.</p>;
  return (
    <ul class="checkpoints">
      {checkpoints.map((c) => (
        <li key={c.name}>
          <strong>{c.name}</strong> at revision {c.revision} · <time dateTime={c.savedAt}>{new Date(c.savedAt).toLocaleString()}</time> by {c.savedBy}{' '}
          <button type="button" onClick={() => onShow(c.revision)} aria-label={`Show the session as it was at checkpoint ${c.name}`}>Show</button>
        </li>
      ))}
    </ul>
  );
}

export function Branches({ branches }: { branches: Branch[] }) {
  const graph = useMemo(() => branchGraph(branches), [branches]);
  if (branches.length === 0) return <p>No branches yet.</p>;
  return <GraphView id="branches" graph={graph} label="Branch graph: forks and merges" describe={(from, to, label) => (label.startsWith('fork') ? `${to} forked from ${from} (${label.replace('fork @ ', 'at ')})` : `${from} merged into ${to} (${label.replace(/^merge /, '')})`)} />;
}
