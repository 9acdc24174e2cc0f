// The built `crystalyse` CLI as a child process: commands, --json, exit codes, embedded storage
// (--data-dir) and a remote service (--url / CRYSTALYSE_URL), and the chat REPL through piped input.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../support/built-cli.js';
import { startLiveApi, type LiveApi } from '../acceptance/live-api.js';

const ESC = '\u001b[';

// Each run boots the service in the child process (a few seconds on a busy machine).
const SLOW = 180_000;
const slowIt = (name: string, fn: () => Promise<void>) => it(name, fn, SLOW);

describe('crystalyse (the built CLI)', () => {
  let dir: string;
  let dataDir: string;
  let sessionId: string;
  const cli = (args: string[], input?: string) => runCli(['--data-dir', dataDir, ...args], { env: { HOME: dir }, input });

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-cli-'));
    dataDir = join(dir, 'data');
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  slowIt('--help lists the commands and exits 0; a wrong command line exits 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'chat', 'sessions', 'replay', 'diff', 'export', 'import', 'verify', 'projections', 'users']) expect(help.stdout).toContain(command);
    expect(await runCli(['no-such-command'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'no-such-command'") });
    expect((await runCli(['diff', 'only-one'])).code).toBe(2);
    expect(await cli(['replay', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--at') });
    expect(await cli(['replay', 'x', '--at', 'yesterday'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--at must be a revision') });
  });

  slowIt('chat through piped input: a line is a question, slash commands do the rest, /undo goes back', async () => {
    const exportFile = join(dir, 'chat-export.json');
    const input = ['Analyse LiFePO4', '/checkpoint first', 'Analyse LiCoO2', '/undo', '/stats', '/branch alt', 'Analyse LiMn2O4', '/merge', '/context', `/export ${exportFile}`, '/nope', '/help', '/quit', 'never asked'].join('\n');
    const run = await cli(['chat', '--name', 'piped chat'], `${input}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(ESC); // not a terminal: no colours, no spinner
    sessionId = /session ([\w-]+) \(piped chat\)/.exec(run.stdout)![1]!;
    expect(run.stdout).toContain('molar mass 157.76 g/mol');
    expect(run.stdout).toContain('checkpoint first saved');
    expect(run.stdout).toContain('undone: "Analyse LiCoO2"');
    expect(run.stdout).toMatch(/questions\s+1\n/); // the undone question left the state (the log keeps it)
    expect(run.stdout).toMatch(/now in branch alt/);
    expect(run.stdout).toMatch(/merged alt into piped chat/);
    expect(run.stdout).toMatch(/materials\s+LiMn2O4, LiFePO4/); // LiCoO2 was undone
    expect(run.stdout).toContain('unknown command /nope');
    expect(run.stdout).toContain('/checkpoint <name>');
    expect(run.stdout).not.toContain('never asked');
    expect(JSON.parse(readFileSync(exportFile, 'utf8'))).toMatchObject({ session: { id: sessionId } });
  });

  slowIt('sessions list | search | show, as tables and as --json', async () => {
    const table = await cli(['sessions', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+name\s+type\s+status\s+revision\s+updated$/);
    expect(table.stdout).toContain(sessionId);
    const listed = JSON.parse((await cli(['--json', 'sessions', 'list'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ id: sessionId, name: 'piped chat', status: 'active' })]);
    const found = JSON.parse((await cli(['--json', 'sessions', 'search', 'LiFePO4'])).stdout);
    expect(found.map((s: { id: string }) => s.id)).toEqual([sessionId]);
    const shown = JSON.parse((await cli(['sessions', 'show', sessionId, '--json'])).stdout);
    expect(shown).toMatchObject({ id: sessionId, checkpoints: expect.arrayContaining([expect.objectContaining({ name: 'first' })]) });
  });

  slowIt('replay --at, diff, verify', async () => {
    const early = JSON.parse((await cli(['--json', 'replay', sessionId, '--at', '1'])).stdout);
    expect(early).toMatchObject({ id: sessionId, atRevision: 1, exists: true });
    const diff = await cli(['--json', 'diff', sessionId, '0', '5']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({ from: expect.anything(), to: expect.anything() });
    const verified = await cli(['--json', 'verify', sessionId]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
  });

  slowIt('export --out then import: a new session with the same history', async () => {
    const file = join(dir, 'backup.json');
    const exported = await cli(['--json', 'export', sessionId, '--out', file]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ id: sessionId, out: file });
    const imported = await cli(['--json', 'import', file]);
    expect(imported.code).toBe(0);
    const copy = JSON.parse(imported.stdout) as { id: string };
    expect(copy.id).not.toBe(sessionId);
    expect((await cli(['--json', 'verify', copy.id])).code).toBe(0);
    expect((await cli(['import', join(dir, 'missing.json')])).code).toBe(2);
  });

  slowIt('exit 3 for what does not exist', async () => {
    const missing = await cli(['--json', 'sessions', 'show', 'no-such-session']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stderr)).toMatchObject({ exitCode: 3, error: { kind: 'not_found', status: 404 } });
    expect((await cli(['verify', 'no-such-session'])).code).toBe(3);
  });

  slowIt('projections lists the read models; projections rebuild and rebuild (the older spelling) rebuild them', async () => {
    const listed = JSON.parse((await cli(['--json', 'projections'])).stdout) as { name: string; position: string }[];
    expect(listed.map((p) => p.name)).toContain('session-state');
    expect(Number(listed.find((p) => p.name === 'session-state')!.position)).toBeGreaterThan(0);
    const rebuilt = await cli(['--json', 'projections', 'rebuild', 'session-state']);
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toEqual([expect.objectContaining({ projection: 'session-state', caughtUp: true })]);
    const all = await cli(['rebuild', 'all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/session-state: rebuilt, \d+ events/);
    expect((await cli(['projections', 'rebuild', 'nope'])).code).toBe(3);
  });

  slowIt('users add and users keys: keys shown once; the new key works', async () => {
    const added = JSON.parse((await cli(['--json', 'users', 'add', 'Ada Researcher'])).stdout) as { id: string; apiKey: string; keyId: string };
    expect(added.apiKey).toEqual(expect.any(String));
    const issued = JSON.parse((await cli(['--json', 'users', 'keys', added.id, '--label', 'laptop'])).stdout) as { keyId: string; apiKey: string };
    expect(issued.apiKey).not.toBe(added.apiKey);
    // Ada sees none of the owner's sessions.
    const asAda = await runCli(['--data-dir', dataDir, '--key', issued.apiKey, '--json', 'sessions', 'list'], { env: { HOME: dir } });
    expect(JSON.parse(asAda.stdout)).toEqual([]);
    expect((await cli(['--json', 'users', 'keys', added.id, '--revoke', issued.keyId])).code).toBe(0);
    const revoked = await runCli(['--data-dir', dataDir, '--key', issued.apiKey, 'sessions', 'list'], { env: { HOME: dir } });
    expect(revoked.code).toBe(1);
    expect((await cli(['users', 'add', 'x', '--role', 'king'])).code).toBe(2);
  });

  describe('against a remote service', () => {
    let api: LiveApi;
    beforeAll(async () => {
      api = await startLiveApi();
    });
    afterAll(() => api.close());

    slowIt('--url/--key and CRYSTALYSE_URL/CRYSTALYSE_KEY reach it; a bad key is refused with exit 1', async () => {
      const viaFlags = await runCli(['--url', api.baseUrl, '--key', api.ownerKey, '--json', 'sessions', 'list']);
      expect(viaFlags).toMatchObject({ code: 0 });
      expect(JSON.parse(viaFlags.stdout)).toEqual([]);
      const chat = await runCli(['chat', '--name', 'remote chat'], { env: { CRYSTALYSE_URL: api.baseUrl, CRYSTALYSE_KEY: api.ownerKey, HOME: tmpdir() }, input: 'Analyse LiFePO4\n' });
      expect(chat.code).toBe(0);
      expect(chat.stdout).toContain('157.76 g/mol');
      const listed = JSON.parse((await runCli(['--json', 'sessions', 'list'], { env: { CRYSTALYSE_URL: api.baseUrl, CRYSTALYSE_KEY: api.ownerKey } })).stdout);
      expect(listed).toEqual([expect.objectContaining({ name: 'remote chat' })]);
      const refused = await runCli(['--url', api.baseUrl, '--key', 'csk_not_a_key', 'sessions', 'list']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error:/);
      expect((await runCli(['--url', api.baseUrl, 'sessions', 'list'])).code).toBe(2); // no key
    });
  });
});
