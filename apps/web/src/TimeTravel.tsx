// Time travel: a slider over revisions and a date picker that show the session as it was, and a
// diff between two points. Every answer comes from the event log (/state?at=, /diff).
import { useState } from 'preact/hooks';
import type { Api } from './api';
import type { DiffResponse, PartDiff } from './types';

export function TimeTravel({ head, viewAt, onRevision, onInstant, onNow }: {
  head: number; viewAt: number | null; onRevision: (revision: number) => void; onInstant: (iso: string) => void; onNow: () => void;
}) {
  const [when, setWhen] = useState('');
  // An instant before the session's first event is revision -1: the slider rests at its start.
  const shown = Math.max(0, viewAt ?? head);
  return (
    <div class="timetravel">
      <label for="revision-slider">Revision</label>
      <input id="revision-slider" type="range" min={0} max={head} step={1} value={shown}
        aria-valuetext={`revision ${shown} of ${head}`} onInput={(e) => onRevision(Number(e.currentTarget.value))} />
      <output for="revision-slider" aria-live="polite">{viewAt === null ? `Now (revision ${head})` : viewAt < 0 ? 'Before the session was created' : `Revision ${viewAt} of ${head}`}</output>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (when) onInstant(new Date(when).toISOString()); }}>
        <label for="as-of">As it was at</label>
        <input id="as-of" type="datetime-local" step={1} value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
        <button type="submit">Show</button>
      </form>
      {viewAt !== null && <button type="button" onClick={onNow}>Back to now</button>}
    </div>
  );
}

export function DiffView({ api, base, head }: { api: Api; base: string; head: number }) {
  const [from, setFrom] = useState('0');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<DiffResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function show() {
    setError(null);
    try {
      setResult(await api.get<DiffResponse>(`${base}/diff?from=${encodeURIComponent(from)}${to.trim() ? `&to=${encodeURIComponent(to.trim())}` : ''}`));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  const parts = result ? [...Object.entries(result.diff.governance), ...Object.entries(result.diff.workspace)].filter(([, p]) => p.added.length + p.removed.length + p.changed.length > 0) : [];
  return (
    <div class="diff">
      <form class="inline" onSubmit={(e) => { e.preventDefault(); void show(); }}>
        <label for="diff-from">From revision</label>
        <input id="diff-from" type="number" min={0} max={head} value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        <label for="diff-to">To revision</label>
        <input id="diff-to" type="number" min={0} max={head} placeholder={`now (${head})`} value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        <button type="submit">Show diff</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {result && (
        <div class="diff-result" aria-live="polite" data-testid="diff-result">
          <p>Changes from revision {result.from} to revision {result.to}: {parts.length === 0 ? 'none' : `${parts.length} part${parts.length === 1 ? '' : 's'} changed`}.</p>
          {parts.map(([name, part]) => <DiffPart key={name} name={name} part={part} />)}
        </div>
      )}
    </div>
  );
}

function DiffPart({ name, part }: { name: string; part: PartDiff }) {
  return (
    <section class="diff-part">
      <h4>{name}</h4>
      <ul>
        {part.added.map((a) => <li class="added" key={`a${a.key}`}><span aria-label="added">+</span> {summary(a.value, a.key)}</li>)}
        {part.removed.map((r) => <li class="removed" key={`r${r.key}`}><span aria-label="removed">−</span> {summary(r.value, r.key)}</li>)}
        {part.changed.map((c) => <li class="changed" key={`c${c.key}`}><span aria-label="changed">~</span> {summary(c.to, c.key)}: {changedFields(c.from, c.to)}</li>)}
      </ul>
    </section>
  );
}

/** A record in a few words: what a person would call it. */
export function summary(value: unknown, key: string): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    for (const field of ['question', 'description', 'statement', 'title', 'name', 'formula', 'text', 'tool']) {
      if (typeof v[field] === 'string') return String(v[field]).slice(0, 120);
    }
  }
  if (key === 'value' || key === '') return JSON.stringify(value)?.slice(0, 120) ?? String(value);
  return `${key}${value === undefined || typeof value === 'object' ? '' : ` = ${String(value).slice(0, 80)}`}`;
}

function changedFields(from: unknown, to: unknown): string {
  if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return `${JSON.stringify(from)?.slice(0, 60)} → ${JSON.stringify(to)?.slice(0, 60)}`;
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return keys.length ? `${keys.join(', ')} changed` : 'changed';
}
