// Asking from the dashboard: the answer streams in (tool calls, then text) from
// POST /queries with Accept: text/event-stream, and the session refreshes when it is recorded.
import { useState } from 'preact/hooks';
import type { Api } from './api';

interface Progress { kind: string; tool?: string; delta?: string; message?: string }

export function AskBox({ api, base, onRecorded }: { api: Api; base: string; onRecorded: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [steps, setSteps] = useState<string[]>([]);
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function ask() {
    if (!text.trim()) return;
    setBusy(true);
    setSteps([]);
    setAnswer('');
    setOutcome(null);
    setError(null);
    try {
      await api.stream('POST', `${base}/queries`, (message) => {
        const data = safe(message.data) as (Progress & { status?: string; events?: string[]; answer?: string; error?: { message?: string } }) | undefined;
        switch (message.event) {
          case 'accepted': setSteps((s) => [...s, 'Question recorded']); break;
          case 'status': setSteps((s) => [...s, data?.message ?? 'working']); break;
          case 'tool_call': setSteps((s) => [...s, `Calling ${data?.tool}`]); break;
          case 'tool_result': setSteps((s) => [...s, `${data?.tool} answered`]); break;
          case 'text': setAnswer((a) => a + (data?.delta ?? '')); break;
          case 'recorded':
            if (data?.answer) setAnswer((a) => a || data.answer!);
            setOutcome(`${data?.status ?? 'recorded'}: ${(data?.events ?? []).join(', ')}`);
            setText('');
            onRecorded();
            break;
          case 'error': setError(data?.error?.message ?? 'the question failed'); onRecorded(); break;
          default: break;
        }
      }, { body: { text: text.trim() } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="ask">
      <form onSubmit={(e) => { e.preventDefault(); void ask(); }}>
        <label for="question">Ask a question</label>
        <textarea id="question" rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void ask(); } }} />
        <button type="submit" disabled={busy}>{busy ? 'Asking…' : 'Ask'}</button>
      </form>
      {(steps.length > 0 || answer || error) && (
        <div class="streaming" aria-live="polite" aria-busy={busy} data-testid="streamed-answer">
          <ol class="steps">{steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
          {answer && <div class="answer-text">{answer}</div>}
          {outcome && <p class="outcome">{outcome}</p>}
          {error && <p role="alert" class="error">{error}</p>}
        </div>
      )}
    </div>
  );
}

function safe(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
