// The agent turn in-process (issue 8, target 6): what persisting one answered query costs the
// service at turn 1,000 of a session: the question and the answer decided and appended (two
// durable appends), the cache updated, and the projections caught up to the answer (what a
// read-your-writes read waits for). The analyst is taken out of the measurement: each formula's
// answer is computed once by the offline analyst and then given back as it was.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Analyst, AnalystRequest, AnalystResult } from '@crystalyse/agent';
import { configFromEnv } from '../../apps/api/src/config/app-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { QueryPipeline } from '../../apps/api/src/agent/query-pipeline.service.js';
import { IdentityService } from '../../apps/api/src/identity/identity.service.js';
import { OwnerBootstrap } from '../../apps/api/src/identity/owner-bootstrap.service.js';
import { PROJECTION_ENGINE } from '../../apps/api/src/infrastructure/tokens.js';
import type { RequestContext } from '../../apps/api/src/http/request-context.js';
import { median, round, tempDir, withTarget, type Measurement } from './bench-kit.js';

const FORMULAS = ['LiFePO4', 'LiCoO2', 'LiMn2O4', 'NaCl', 'TiO2', 'LiNiO2', 'LiCoPO4', 'Li4Ti5O12'];

/** The offline analyst, asked once per question; later asks get its first answer back. */
function remembering(analyst: Analyst): Analyst {
  const answers = new Map<string, AnalystResult>();
  return {
    ...analyst,
    name: analyst.name,
    async analyse(request: AnalystRequest) {
      const known = answers.get(request.question);
      if (known) return known;
      const answer = await analyst.analyse(request);
      answers.set(request.question, answer);
      return answer;
    },
  } as Analyst;
}

export async function turnBenchmarks(options: { quick?: boolean } = {}): Promise<Measurement[]> {
  const turns = options.quick ? 200 : 1_000;
  console.log(`Persisting one answered query in-process, at turn ${turns} of a session:`);
  const data = tempDir('turn');
  const app: NestFastifyApplication = await createApp({ ...configFromEnv({ CRYSTALYSE_DATA_DIR: data.dir, CRYSTALYSE_QUIET: '1' }) });
  await app.init();
  try {
    const key = await app.get(OwnerBootstrap).ensureOwner(() => undefined);
    const user = await app.get(IdentityService).authenticate(key ?? '');
    if (!user) throw new Error('no owner key');
    const ctx = (): RequestContext => ({ user, actor: { userId: user.userId, via: 'api' }, correlationId: randomUUID() });
    const pipeline = app.get(QueryPipeline);
    const internals = pipeline as unknown as { analyst: Analyst };
    internals.analyst = remembering(internals.analyst);
    const engine = app.get<{ waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> }>(PROJECTION_ENGINE);
    // The session is created as a user would create it (through the HTTP stack, in-process).
    const reply = await app.getHttpAdapter().getInstance().inject({
      method: 'POST', url: '/v1/sessions', headers: { authorization: `Bearer ${key}` }, payload: { name: 'a long session' },
    });
    if (reply.statusCode !== 201) throw new Error(`POST /v1/sessions: ${reply.statusCode} ${reply.body}`);
    const created = { sessionId: (JSON.parse(reply.body) as { id: string }).id };
    const target = { sessionId: created.sessionId };
    const waits: number[] = [];
    const turn = async (i: number) => {
      const started = performance.now();
      const outcome = await pipeline.ask(ctx(), target, `Analyse ${FORMULAS[i % FORMULAS.length]}`);
      const appended = performance.now();
      if (!(await engine.waitForPosition(BigInt(outcome.position), 10_000))) throw new Error('projections did not catch up');
      waits.push(performance.now() - appended);
      return performance.now() - started;
    };
    for (let i = 0; i < FORMULAS.length; i++) await turn(i); // every answer computed once
    for (let i = FORMULAS.length; i < turns - 100; i++) await turn(i);
    const times: number[] = [];
    waits.length = 0;
    for (let i = turns - 100; i < turns; i++) times.push(await turn(i));
    console.log(`  of which waiting for the projections: median ${round(median(waits))} ms`);
    const m = { name: `persisting one answered query in-process at turn ${turns} (events, cache, projections)`, unit: 'ms', median: round(median(times)), runs: [round(median(times))] };
    console.log(`  ${m.name}: median ${m.median} ms over the last 100 turns`);
    return [withTarget(m, '<', 2, '<= 2 ms per answered query in-process')];
  } finally {
    await app.close();
    data.remove();
  }
}
