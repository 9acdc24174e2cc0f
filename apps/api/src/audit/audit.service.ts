// Builds the audit bundle of a session (audit-bundle.ts) and its RO-Crate (ro-crate.ts).
import { Injectable } from '@nestjs/common';
import { branchStream, exportSession, SessionNotFound, sessionStream } from '@crystalyse/domain';
import { Clock } from '../infrastructure/clock.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { SigningService, type SignatureView } from '../signatures/signing.service.js';
import { assertSignatureRouteAllowed } from '../signatures/signature-permissions.js';
import { AUDIT_BUNDLE_FORMAT, AUDIT_BUNDLE_VERSION, bundleStream, checkChain, HASHING, type AuditBundle } from './audit-bundle.js';
import { roCrateZip } from './ro-crate.js';

@Injectable()
export class AuditService {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly signing: SigningService,
    private readonly clock: Clock,
  ) {}

  async bundle(userId: string, sessionId: string): Promise<AuditBundle<SignatureView>> {
    const { bundle } = await this.gather(userId, sessionId);
    return bundle;
  }

  async roCrate(userId: string, sessionId: string): Promise<Uint8Array> {
    const { bundle, sessionExport } = await this.gather(userId, sessionId);
    return roCrateZip(bundle, sessionExport);
  }

  private async gather(userId: string, sessionId: string) {
    const { state } = await this.sessions.sessionNow(sessionId);
    assertSignatureRouteAllowed('audit', state, sessionId, userId);
    const events = await this.sessions.recorded(sessionId);
    // The session's own branches (an imported ref's stream belongs to the original session).
    const branches = state.governance.branches.values().filter((b) => !b.imported);
    const branchStreams = await Promise.all(
      branches.map(async (b) => {
        // A fork whose branch stream was never started (the second append failed) has no events.
        const recorded = await this.sessions.recorded({ sessionId, branchId: b.branchId }).catch((error: unknown) => {
          if (error instanceof SessionNotFound) return [];
          throw error;
        });
        return bundleStream(branchStream(b.branchId), 'branch', recorded, b.branchId);
      }),
    );
    const streams = [bundleStream(sessionStream(sessionId), 'session', events), ...branchStreams];
    const signatures = await this.signing.views(sessionId, state, events);
    const chains = streams.map(checkChain);
    const valid = signatures.filter((s) => s.valid).length;
    const generatedAt = this.clock.now();
    const bundle: AuditBundle<SignatureView> = {
      format: AUDIT_BUNDLE_FORMAT,
      version: AUDIT_BUNDLE_VERSION,
      generatedAt,
      hashing: HASHING,
      session: {
        id: sessionId,
        name: state.governance.name,
        ownerId: state.governance.ownerId,
        status: state.governance.status,
        createdAt: state.governance.createdAt,
        revision: events.length - 1,
      },
      streams,
      signatures,
      verification: { ok: chains.every((c) => c.ok), chains, signatures: { total: signatures.length, valid, invalid: signatures.length - valid } },
    };
    const sessionExport = exportSession(state, [], { includeDiscoveries: true, includeMaterials: true, includeEvents: false, exportedAt: generatedAt });
    return { bundle, sessionExport };
  }
}
