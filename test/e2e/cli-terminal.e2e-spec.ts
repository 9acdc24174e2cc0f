// The chat REPL under a pseudo-terminal (util-linux `script`): a prompt, colours, the spinner, and
// history with the arrow keys (Up recalls the last line, which is then edited). Keystrokes are
// typed only after the prompt shows, so nothing depends on timing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runInTerminal, scriptCommand, type Terminal } from '../support/built-cli.js';

const hasScript = scriptCommand() !== undefined;
if (!hasScript) console.log('skipped: the REPL terminal test needs `script` from util-linux (apt-get install util-linux)');

(hasScript ? describe : describe.skip)('crystalyse chat under a terminal', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-pty-'));
  }, 300_000);
  let running: Terminal | undefined;
  afterAll(() => {
    running?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prompts in colour, answers with a spinner, recalls history with the Up arrow, keeps it in the history file', async () => {
    const term = runInTerminal(['--data-dir', join(dir, 'data'), 'chat', '--name', 'pty chat'], { HOME: dir });
    running = term;
    let at = await term.waitFor(/pty chat.*› /s);
    expect(term.output()).toContain('\u001b[36mpty chat\u001b[39m'); // the prompt in colour: a terminal
    term.type('/checkpoint one\r');
    at = await term.waitFor(/checkpoint one saved[^]*› /, at);
    // Up recalls "/checkpoint one"; three backspaces and "two" make it "/checkpoint two".
    term.type('\u001b[A\u007f\u007f\u007ftwo\r');
    at = await term.waitFor(/checkpoint two saved[^]*› /, at);
    term.type('Analyse LiFePO4\r');
    at = await term.waitFor(/157\.76 g\/mol[^]*› /, at);
    expect(term.output()).toContain('the analyst is working'); // the spinner ran
    term.type('/quit\r');
    expect(await term.exited).toBe(0);
    expect(readFileSync(join(dir, '.crystalyse_history'), 'utf8').split('\n').filter(Boolean)).toEqual(['/checkpoint one', '/checkpoint two', 'Analyse LiFePO4', '/quit']);
  }, 180_000);
});
