// The dashboard shell: sign in with an API key, then the sessions list (#/) or one session
// (#/sessions/<id>). The hash holds only what is shown, never the key.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, ApiError, keyStore } from './api';
import { SessionList } from './SessionList';
import { SessionPage } from './SessionPage';
import type { Me } from './types';

function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const [key, setKey] = useState(keyStore.get());
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => (key ? new Api(key) : null), [key]);
  const route = useRoute();

  useEffect(() => {
    if (!api) return;
    api.get<Me>('/me').then(setMe, (e: unknown) => {
      // A key that no longer works is forgotten; any other failure is shown.
      if (e instanceof ApiError && e.status === 401) signOut('That API key was not accepted.');
      else setError(e instanceof Error ? e.message : String(e));
    });
  }, [api]);

  function signOut(reason: string | null = null) {
    keyStore.clear();
    setKey(null);
    setMe(null);
    setError(reason);
  }

  if (!api) return <SignIn error={error} onKey={(k) => { keyStore.set(k); setError(null); setKey(k); }} />;
  const sessionId = /^#\/sessions\/([^/?#]+)/.exec(route)?.[1];
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/">Crystalyse Sessions</a>
        <span class="who">{me ? <>Signed in as <strong>{me.name}</strong> ({me.role})</> : 'Signing in…'}</span>
        <button type="button" onClick={() => signOut()}>Sign out</button>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      <main>{me && (sessionId ? <SessionPage api={api} me={me} sessionId={decodeURIComponent(sessionId)} /> : <SessionList api={api} />)}</main>
    </div>
  );
}

function SignIn({ error, onKey }: { error: string | null; onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <main class="signin">
      <h1>Crystalyse Sessions</h1>
      <form onSubmit={(e) => { e.preventDefault(); if (value.trim()) onKey(value.trim()); }}>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">Sign in</button>
        <p class="hint">The key stays in this tab's session storage and is sent only in the Authorization header.</p>
        {error && <p role="alert" class="error">{error}</p>}
      </form>
    </main>
  );
}
