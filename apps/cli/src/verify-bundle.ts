// `npm run cli -- verify-bundle audit.json`: checks an audit bundle (GET /v1/sessions/:id/audit)
// without the service. It recomputes every stream's hash chain with the event store's own code
// (checkChain → verifyEvents → computeHash), checks that the signatures listed are the ones the
// chained events record, and works out each signature's validity again by folding the events
// with the session's own domain code. Any difference with what the bundle states is reported.
import {
  foldSession,
  signatureValidity,
  signaturesIn,
  stateAtRevision,
  DOMAIN_UPCASTERS,
  type SessionEvent,
} from '@crystalyse/domain';
import type { ListedSignature } from '../../api/src/signatures/signing.service.js';
import { AUDIT_BUNDLE_FORMAT, asRecorded, checkChain, type AuditBundle, type BundleStream } from '../../api/src/audit/audit-bundle.js';

export interface BundleReport {
  ok: boolean;
  problems: string[];
  streams: number;
  events: number;
  signatures: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function verifyBundle(bundle: AuditBundle<ListedSignature>): Promise<BundleReport> {
  const problems: string[] = [];
  if (bundle?.format !== AUDIT_BUNDLE_FORMAT || !Array.isArray(bundle.streams)) {
    return { ok: false, problems: [`not an audit bundle (format ${JSON.stringify(bundle?.format)})`], streams: 0, events: 0, signatures: 0 };
  }
  // 1. The hash chain of every stream, recomputed; it must also agree with what the bundle says.
  for (const stream of bundle.streams) {
    const check = checkChain(stream);
    if (!check.ok) problems.push(`${stream.streamId}: chain broken at revision ${check.firstBadRevision}: ${check.reason}`);
    const stated = bundle.verification?.chains?.find((c) => c.streamId === stream.streamId);
    if (!stated || stated.ok !== check.ok) problems.push(`${stream.streamId}: the bundle states a different chain result`);
  }
  // 2. The signatures listed are exactly those the session's chained events record.
  const session = bundle.streams.find((s: BundleStream) => s.kind === 'session');
  if (!session) return { ok: false, problems: [...problems, 'no session stream'], streams: bundle.streams.length, events: 0, signatures: 0 };
  const events = asRecorded(session).map((e) => DOMAIN_UPCASTERS.upcast(e)).map((e) => ({ type: e.type, data: e.data }) as SessionEvent);
  const recorded = signaturesIn(events);
  const listed = bundle.signatures ?? [];
  if (listed.length !== recorded.length) problems.push(`${listed.length} signatures listed, ${recorded.length} recorded in the events`);
  // 3. Each one's validity, worked out again from the events.
  const now = foldSession(events);
  for (const signature of recorded) {
    const entry = listed.find((s) => s.signatureId === signature.signatureId);
    const fields = { signer: { userId: signature.signerId, name: signature.signerName }, meaning: signature.meaning, target: signature.target, contentHash: signature.contentHash, at: signature.at };
    if (!entry) {
      problems.push(`signature ${signature.signatureId} is recorded but not listed`);
      continue;
    }
    if (!same({ signer: entry.signer, meaning: entry.meaning, target: entry.target, contentHash: entry.contentHash, at: entry.at }, fields)) {
      problems.push(`signature ${signature.signatureId}: the listed signature differs from the recorded one`);
    }
    const { valid } = await signatureValidity(signature, now, (revision) => stateAtRevision(events, revision));
    if (valid !== entry.valid) problems.push(`signature ${signature.signatureId}: listed valid=${entry.valid}, recomputed valid=${valid}`);
  }
  return { ok: problems.length === 0, problems, streams: bundle.streams.length, events: bundle.streams.reduce((n, s) => n + s.events.length, 0), signatures: recorded.length };
}
