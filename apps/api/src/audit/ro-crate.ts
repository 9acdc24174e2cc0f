// The audit bundle as an RO-Crate 1.1 (https://w3id.org/ro/crate/1.1): a zip whose
// ro-crate-metadata.json describes the session (the crate's root dataset), the files beside it
// (the events, the export, the signatures and the whole audit bundle), the people who acted and
// each signature (as a schema.org AssessAction). Zipped with fflate: no dependencies, in memory.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { AuditBundle } from './audit-bundle.js';
import type { ListedSignature } from '../signatures/signing.service.js';

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function roCrateZip(bundle: AuditBundle<ListedSignature>, sessionExport: unknown): Uint8Array {
  const files: Record<string, { bytes: Uint8Array; name: string; description: string }> = {
    'events.json': { bytes: json(bundle.streams), name: 'Events', description: 'Every event of the session and its branches, with actor, channel, time and hash chain' },
    'export.json': { bytes: json(sessionExport), name: 'Session export', description: 'The session as it is now (crystalyse.session-export)' },
    'signatures.json': { bytes: json(bundle.signatures), name: 'Signatures', description: 'Electronic signatures, each with the SHA-256 of what was signed and whether it still holds' },
    'audit.json': { bytes: json(bundle), name: 'Audit bundle', description: 'All of the above with the verification result; check it with `npm run cli -- verify-bundle audit.json`' },
  };
  const people = new Map<string, string | undefined>();
  people.set(bundle.session.ownerId, undefined);
  for (const stream of bundle.streams) for (const e of stream.events) if (e.actor) people.set(e.actor, people.get(e.actor));
  for (const s of bundle.signatures) people.set(s.signer.userId, s.signer.name);

  const graph = [
    {
      '@id': 'ro-crate-metadata.json',
      '@type': 'CreativeWork',
      conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' },
      about: { '@id': './' },
    },
    {
      '@id': './',
      '@type': 'Dataset',
      identifier: bundle.session.id,
      name: bundle.session.name,
      description: `Audit record of research session ${bundle.session.id}: its events, export and signatures (revision ${bundle.session.revision}, status ${bundle.session.status})`,
      dateCreated: bundle.session.createdAt,
      datePublished: bundle.generatedAt,
      creator: { '@id': `#user-${bundle.session.ownerId}` },
      hasPart: Object.keys(files).map((path) => ({ '@id': path })),
      mentions: bundle.signatures.map((s) => ({ '@id': `#signature-${s.signatureId}` })),
    },
    ...Object.entries(files).map(([path, f]) => ({
      '@id': path,
      '@type': 'File',
      name: f.name,
      description: f.description,
      encodingFormat: 'application/json',
      contentSize: String(f.bytes.length),
      sha256: sha256(f.bytes),
    })),
    ...[...people].map(([userId, name]) => ({ '@id': `#user-${userId}`, '@type': 'Person', identifier: userId, ...(name ? { name } : {}) })),
    ...bundle.signatures.map((s) => ({
      '@id': `#signature-${s.signatureId}`,
      '@type': 'AssessAction',
      name: `${s.meaning} by ${s.signer.name}`,
      agent: { '@id': `#user-${s.signer.userId}` },
      object: { '@id': './' },
      endTime: s.at,
      description: `Signed ${JSON.stringify(s.target)} as ${s.meaning}; content SHA-256 ${s.contentHash}; ${s.valid ? 'still valid' : 'no longer valid'}`,
      instrument: { '@id': 'signatures.json' },
    })),
  ];
  const metadata = { '@context': 'https://w3id.org/ro/crate/1.1/context', '@graph': graph };
  const entries: Record<string, Uint8Array> = { 'ro-crate-metadata.json': json(metadata) };
  for (const [path, f] of Object.entries(files)) entries[path] = f.bytes;
  // A fixed time in the zip entries: the same bundle always zips to the same bytes.
  return zipSync(entries, { level: 6, mtime: new Date(bundle.generatedAt) });
}
