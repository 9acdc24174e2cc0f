// Members and share links, for the session's owner. Servers without these endpoints answer 404:
// the section then stays hidden.
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api';
import type { Member, ShareLink } from './types';

const list = <T,>(value: unknown): T[] => (Array.isArray(value) ? value : Array.isArray((value as { items?: unknown })?.items) ? (value as { items: T[] }).items : []) as T[];

export function Sharing({ api, base }: { api: Api; base: string }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [days, setDays] = useState('7');
  const [permission, setPermission] = useState('read');
  const [error, setError] = useState<string | null>(null);

  async function load() {
    const [m, l] = await Promise.all([api.optional<unknown>(`${base}/members`), api.optional<unknown>(`${base}/share-links`)]).catch(() => [null, null]);
    setMembers(m === null ? null : list<Member>(m));
    setLinks(l === null ? null : list<ShareLink>(l));
  }
  useEffect(() => { void load(); }, [base]);

  if (members === null && links === null) return null;
  return (
    <section aria-labelledby="sharing-heading" class="panel">
      <h2 id="sharing-heading">Members and share links</h2>
      {members !== null && (
        <ul class="members" aria-label="Members">
          {members.length === 0 ? <li>Only you.</li> : members.map((m) => <li key={m.userId}>{m.name ?? m.userId}{m.owner ? ' (owner)' : ''}: {Array.isArray(m.permissions) ? m.permissions.join(', ') : m.permissions}</li>)}
        </ul>
      )}
      {links !== null && (
        <>
          <ul class="links" aria-label="Share links">
            {links.map((link) => {
              const id = link.linkId ?? link.id;
              const revoked = link.status === 'revoked' || Boolean(link.revokedAt);
              return (
                <li key={id}>{id} · {Array.isArray(link.permissions) ? link.permissions.join(', ') : link.permissions} · {link.status ?? 'active'} · expires {link.expiresAt ? new Date(link.expiresAt).toLocaleString() : 'never'}{' '}
                  {!revoked && id && <button aria-label={`Revoke share link ${id}`} type="button" onClick={async () => { await api.delete(`${base}/share-links/${encodeURIComponent(id)}`).catch((e: Error) => setError(e.message)); void load(); }}>Revoke</button>}
                </li>
              );
            })}
          </ul>
          <form class="inline" onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              const made = await api.post<{ url?: string | null; token?: string | null }>(`${base}/share-links`, { permissions: permission, expiresInDays: Number(days) });
              setCreated(made.url ? new URL(made.url, location.origin).href : made.token ?? null);
              void load();
            } catch (err) { setError(err instanceof Error ? err.message : String(err)); }
          }}>
            <label for="link-permission">Link allows</label>
            <select id="link-permission" value={permission} onChange={(e) => setPermission(e.currentTarget.value)}>
              <option value="read">reading</option>
              <option value="comment">reading and commenting</option>
            </select>
            <label for="link-days">Valid for (days)</label>
            <input id="link-days" type="number" min={1} max={365} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
            <button type="submit">Create share link</button>
          </form>
          {created && <p class="created">New link (shown once): <code>{created}</code></p>}
        </>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
