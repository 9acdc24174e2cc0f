// The web dashboard in a real browser (Debian's Chromium driven by playwright-core): sign in,
// open a session, ask and see the answer and a new discovery arrive live, travel back in time,
// diff two revisions, and see the branch graph after a fork and a merge. Screenshots of every
// step go to test-artifacts/browser (ignored by git).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { chromiumPath, launchChromium } from './chromium.js';

const executable = chromiumPath();
if (!executable) console.warn('Skipping the browser tests of the dashboard: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH).');
const describeInBrowser = executable ? describe : describe.skip;
const SHOTS = join(process.cwd(), 'test-artifacts', 'browser');
const STATEMENT = 'The olivine structure seems crucial for Li+ mobility';

describeInBrowser('the web dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let sessionId: string;
  let afterFirstAnswer: number;
  let webDir: string | undefined;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    // The test drives a bundle of the sources as they are now, built into a folder of its own.
    webDir = mkdtempSync(join(tmpdir(), 'crystalyse-web-'));
    execFileSync(process.execPath, ['apps/web/build.mjs', '--quiet', '--out', webDir], { stdio: 'inherit' });
    mkdirSync(SHOTS, { recursive: true });
    process.env.CRYSTALYSE_WEB_DIR = webDir;
    try {
      t = await startTestApp();
    } finally {
      delete process.env.CRYSTALYSE_WEB_DIR;
    }
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium(executable!);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A refused request (the wrong key's 401) is logged by Chrome as a failed load: expected.
    page.on('console', (message) => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text()); });

    sessionId = (await post('/v1/sessions', { name: 'Cathode screening', type: 'interactive', metadata: { project: 'cathodes' } })).body.id;
    await post('/v1/sessions', { name: 'Unrelated anodes', type: 'research', metadata: { project: 'anodes' } });
    const answered = await post(`/v1/sessions/${sessionId}/queries`, { text: 'Analyse LiFePO4' });
    expect(answered.body.status).toBe('answered');
    afterFirstAnswer = answered.body.revision;
    expect((await post(`/v1/sessions/${sessionId}/checkpoints`, { name: 'after-lifepo4' })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('signs in with the keyboard, keeps the key out of the URL, lists, searches and filters sessions', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill('csk.not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That API key was not accepted.').waitFor();
    expect(await page.evaluate(`sessionStorage.getItem('crystalyse.apiKey')`)).toBeNull();
    await page.getByLabel('API key').focus();
    await page.keyboard.type(t.ownerKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const row = page.getByRole('row', { name: /Cathode screening/ });
    await expect(row.innerText()).resolves.toMatch(/Cathode screening\s+active\s+interactive\s+cathodes\s+1\s+1\s+0\s+1/);
    expect(page.url()).not.toContain(t.ownerKey);
    expect(await page.evaluate(`sessionStorage.getItem('crystalyse.apiKey')`)).toBe(t.ownerKey);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    await page.getByLabel('Type').selectOption('research');
    // The filtered list replaces the whole one: wait for it (the research session was listed before too).
    await page.getByRole('row', { name: /Cathode screening/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /Unrelated anodes/ }).count()).toBe(1);
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Search sessions').fill('cathode');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('row', { name: /Cathode screening/ }).waitFor();
    await page.waitForFunction(`!document.body.innerText.includes('Unrelated anodes')`);
    // A session created elsewhere joins the list live, under the search as it stands.
    await page.getByTestId('list-live-status').getByText('Live: streaming').waitFor();
    await post('/v1/sessions', { name: 'Cathode coatings', type: 'interactive', metadata: { project: 'cathodes' } });
    await page.getByRole('row', { name: /Cathode coatings/ }).waitFor();
    expect(await page.getByRole('row', { name: /Unrelated anodes/ }).count()).toBe(0);
    await shot('1-sessions');
  }, 30_000);

  it('opens a session: conversation with tool calls and materials, checkpoints, statistics and a verified chain', async () => {
    await page.getByRole('link', { name: 'Cathode screening', exact: true }).click();
    await page.getByRole('heading', { name: 'Cathode screening' }).waitFor();
    await expect(page.getByTestId('chain-badge').innerText()).resolves.toMatch(/^Chain verified \(\d+ events\)$/);
    const conversation = page.locator('.conversation');
    await expect(conversation.innerText()).resolves.toMatch(/Analyse LiFePO4[\s\S]*Tool calls: composition, oxidation_states, known_materials[\s\S]*LiFePO4, lithium iron phosphate/);
    await expect(page.locator('.checkpoints').innerText()).resolves.toContain(`after-lifepo4 at revision ${afterFirstAnswer}`);
    await expect(page.locator('table.stats').innerText()).resolves.toMatch(/Questions\s+1 \(1 answered/);
    expect(await page.locator('.charts canvas').count()).toBe(2);
    // Members and share links: shown to the owner where the server has them, hidden (no error) where it does not.
    const sharing = page.getByRole('region', { name: 'Members and share links' });
    if ((await t.request('GET', `/v1/sessions/${sessionId}/members`)).status === 404) {
      await page.getByRole('heading', { name: 'Statistics' }).waitFor();
      expect(await sharing.count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
    } else {
      await expect(sharing.getByRole('list', { name: 'Members' }).innerText()).resolves.toMatch(/^owner \(owner\): read/);
      await sharing.getByLabel('Valid for (days)').fill('3');
      await sharing.getByRole('button', { name: 'Create share link' }).click();
      await sharing.getByText(/New link \(shown once\): http:\/\/127\.0\.0\.1:\d+\/v1\/shared\/\S+/).waitFor();
      await sharing.getByRole('list', { name: 'Share links' }).getByText(/read · active/).waitFor();
    }
    await shot('2-session');
  }, 30_000);

  it('asks a question: the answer streams in, and the new discovery and events from elsewhere appear without a reload', async () => {
    await page.getByLabel('Ask a question').fill(STATEMENT);
    await page.getByRole('button', { name: 'Ask' }).click();
    const streamed = page.getByTestId('streamed-answer');
    await streamed.getByText('Noted: a candidate structure–property insight about LiFePO4', { exact: false }).waitFor();
    await expect(streamed.innerText()).resolves.toMatch(/Question recorded[\s\S]*Calling known_materials[\s\S]*answered: QueryAsked, .*DiscoveryDetected/);
    await page.locator('.discovery-list').getByText(STATEMENT).waitFor();
    await expect(page.locator('.graph-facts').first().innerText()).resolves.toContain(`${STATEMENT.slice(0, 47)}… — about → LiFePO4`);

    // Written by someone else through the API: it shows up live (no reload, no navigation).
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await post(`/v1/sessions/${sessionId}/discoveries`, { type: 'stability_insight', description: 'Spinel LiMn2O4 loses capacity above 50 °C', materials: ['LiMn2O4'], evidence: { from: 'literature' }, confidence: 0.8 });
    await page.locator('.discovery-list').getByText('Spinel LiMn2O4 loses capacity above 50 °C').waitFor();
    await page.getByTestId('live-feed').getByText(/DiscoveryRecorded/).waitFor();
    expect(navigations).toEqual([]);
    await expect(page.getByTestId('live-status').innerText()).resolves.toBe('Live: streaming');
    await shot('3-asked-live');
  }, 30_000);

  it('moves the time slider and shows the session as it was, then comes back to now', async () => {
    const slider = page.getByLabel('Revision', { exact: true });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByTestId('past-banner').getByText('Showing the session as it was at revision 0: 0 questions, 0 discoveries, 0 materials.', { exact: true }).waitFor();
    expect(await page.locator('.conversation').count()).toBe(0);
    await slider.fill(String(afterFirstAnswer));
    await page.getByText(`Showing the session as it was at revision ${afterFirstAnswer}: 1 question, 0 discoveries, 1 material.`).waitFor();
    expect(await page.locator('.conversation').innerText()).not.toContain(STATEMENT);
    await expect(page.locator('output[for="revision-slider"]').innerText()).resolves.toMatch(new RegExp(`^Revision ${afterFirstAnswer} of \\d+$`));
    await shot('4-time-travel');
    // The date picker asks for an instant: one before the session, then one after its last event.
    await page.getByLabel('As it was at').fill('2001-01-01T00:00:00');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('Showing the session before it was created: nothing was recorded yet.').waitFor();
    await page.getByLabel('As it was at').fill('2099-01-01T00:00:00');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByTestId('past-banner').getByText(/^Showing the session as it was at revision \d+: 2 questions, 2 discoveries, 1 material\.$/).waitFor();
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.locator('.conversation .question').getByText(STATEMENT).waitFor();
  }, 30_000);

  it('opens a diff between two revisions', async () => {
    await page.getByText('Compare two revisions').click();
    await page.getByLabel('From revision').fill(String(afterFirstAnswer));
    await page.getByRole('button', { name: 'Show diff' }).click();
    const diff = page.getByTestId('diff-result');
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toMatch(new RegExp(`^Changes from revision ${afterFirstAnswer} to revision \\d+: \\d+ parts changed`));
    expect(text).toMatch(new RegExp(`discoveries\\s+\\+ ${STATEMENT.replace(/[+.]/g, '\\$&')}`));
    expect(text).toMatch(/conversation\s+\+ The olivine structure/);
    await shot('5-diff');
  }, 30_000);

  it('draws the branch graph after a fork and a merge', async () => {
    const { branchId } = (await post(`/v1/sessions/${sessionId}/branches`, { name: 'explore-spinels' })).body;
    await post(`/v1/sessions/${sessionId}/branches/${branchId}/hypotheses`, { statement: 'Mn-rich spinels trade capacity for rate' });
    expect((await post(`/v1/sessions/${sessionId}/branches/${branchId}/merge`, { strategy: 'merge' })).status).toBe(200);
    const branches = page.getByTestId('branches');
    // The fork and the merge arrive on the live stream, which brings the graph up to date.
    await branches.getByText(/explore-spinels merged into main/).waitFor();
    await expect(branches.locator('.graph-facts').innerText()).resolves.toMatch(/explore-spinels forked from main \(at revision \d+\)\s+explore-spinels merged into main \(r1 \(merge\)\)/);
    // Events of the branch arrive on the session's stream too, named by their branch.
    await page.getByTestId('live-feed').getByText(/HypothesisAdded · in branch explore-spinels · revision 1/).waitFor();
    expect(await branches.locator('svg [data-node]').count()).toBe(2);
    expect(await branches.locator('svg .edge-merge').count()).toBe(1);
    await branches.locator('[data-node="main"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).toBe('explore-spinels: merged');
    await shot('6-branches');
  }, 30_000);

  it('loaded everything from the app itself, with no script error or CSP violation along the way', () => {
    expect(requested.filter((url) => url.endsWith('/app.js') || url.endsWith('/app.css'))).toHaveLength(2);
    expect(requested.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
