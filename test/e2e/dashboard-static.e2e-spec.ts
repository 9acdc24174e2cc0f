// The dashboard's files at `/`: served with a strict content security policy, beside the API
// (which keeps /v1, /health and /docs), and a plain answer at `/` when it was never built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';

async function appWithWebDir(dir: string): Promise<TestApp> {
  process.env.CRYSTALYSE_WEB_DIR = dir;
  try {
    return await startTestApp();
  } finally {
    delete process.env.CRYSTALYSE_WEB_DIR;
  }
}

describe('the dashboard at /', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystalyse-web-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe('when built', () => {
    let t: TestApp;
    beforeAll(async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
      writeFileSync(join(dir, 'app.js'), 'console.log("dashboard")');
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'nested', 'x.css'), 'body{}');
      t = await appWithWebDir(dir);
    });
    afterAll(() => t.close());

    it('serves the page and its script without a key, under a CSP that allows this origin only', async () => {
      const page = await t.request('GET', '/', { key: null });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('src="app.js"');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const script = await t.request('GET', '/app.js', { key: null });
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect((await t.request('GET', '/nested/x.css', { key: null })).status).toBe(200);
    });

    it('leaves the API, the health check and the docs where they were', async () => {
      expect((await t.request('GET', '/v1/me', { key: null })).status).toBe(401);
      expect((await t.request('GET', '/v1/me')).body.role).toBe('owner');
      const unknown = await t.request('GET', '/v1/no-such-thing');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/json/);
      expect((await t.request('GET', '/health', { key: null })).status).toBe(200);
      expect((await t.request('GET', '/docs', { key: null })).status).toBe(200);
      expect((await t.request('GET', '/not-a-file.js', { key: null })).status).toBe(404);
      expect((await t.request('GET', '/../package.json', { key: null })).status).toBe(404);
    });
  });

  it('says how to build it when the bundle is missing, and the API still serves', async () => {
    const t = await appWithWebDir(tempDir());
    try {
      const page = await t.request('GET', '/', { key: null });
      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build:web');
      expect((await t.request('GET', '/v1/me')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
