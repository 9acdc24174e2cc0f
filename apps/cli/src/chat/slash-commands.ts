// The chat's slash commands. Each is one SDK call or two on the current workspace (the session,
// or the branch opened with /branch).
import { writeFile } from 'node:fs/promises';
import { current, type ChatState } from './repl.js';

interface Slash {
  usage: string;
  help: string;
  run(state: ChatState, arg: string): Promise<void | 'quit'>;
}

function needs(arg: string, what: string): string {
  if (!arg) throw new Error(`say which ${what}`);
  return arg;
}

const COMMANDS: Record<string, Slash> = {
  checkpoint: {
    usage: '/checkpoint <name>',
    help: 'save a checkpoint of the current state',
    async run(state, arg) {
      const result = await current(state).saveCheckpoint(needs(arg, 'checkpoint name'));
      state.out.line(`checkpoint ${arg} saved at revision ${result.revision}`);
    },
  },
  restore: {
    usage: '/restore <name>',
    help: 'restore a checkpoint (the log keeps everything)',
    async run(state, arg) {
      const result = await current(state).restoreCheckpoint(needs(arg, 'checkpoint name'));
      state.out.line(`restored ${arg} (revision ${result.revision})`);
    },
  },
  undo: {
    usage: '/undo',
    help: 'go back to the state before the last question',
    async run(state) {
      const last = state.undo.pop();
      if (!last) throw new Error('nothing to undo: no question asked in this chat yet');
      const result = await current(state).restoreCheckpoint(last.checkpoint);
      state.out.line(`undone: "${last.question}" (revision ${result.revision})`);
    },
  },
  branch: {
    usage: '/branch <name>',
    help: 'fork a branch and continue in it (/merge brings it back)',
    async run(state, arg) {
      const branch = await current(state).createBranch(needs(arg, 'branch name'));
      state.branches.push(branch);
      state.undo = [];
      state.out.line(`now in branch ${arg} (${branch.id})`);
    },
  },
  merge: {
    usage: '/merge',
    help: 'merge the current branch into its parent and continue there',
    async run(state) {
      const branch = state.branches.at(-1);
      if (!branch) throw new Error('not in a branch: /branch <name> first');
      const result = await branch.merge();
      state.branches.pop();
      state.undo = [];
      await current(state).refresh({ latest: true });
      state.out.line(`merged ${branch.name} into ${current(state).name} (revision ${result.revision})`);
    },
  },
  discoveries: {
    usage: '/discoveries',
    help: 'the discoveries so far',
    async run(state) {
      const { items } = await current(state).getDiscoveries();
      state.out.result(items, () => state.out.table(items.map((d) => ({ id: d.id, category: d.category, confidence: d.confidence, status: d.status, description: d.description })), ['id', 'category', 'confidence', 'status', 'description']));
    },
  },
  context: {
    usage: '/context',
    help: 'the working context: recent materials, discoveries, conversation',
    async run(state) {
      const context = await current(state).getContext();
      state.out.result(context, () => {
        state.out.fields({ materials: context.recentMaterials.join(', '), discoveries: context.discoveries.length, turns: context.conversation.length, summary: context.summary ?? '' });
        for (const item of context.items) state.out.line(`  ${item.key}: ${JSON.stringify(item.value)}`);
      });
    },
  },
  stats: {
    usage: '/stats',
    help: 'questions, answers, materials, discoveries, tools, tokens',
    async run(state) {
      const stats = await current(state).getStatistics();
      state.out.result(stats, () => state.out.fields({ questions: stats.queryCount, answered: stats.answeredCount, failed: stats.failedCount, materials: stats.materialCount, discoveries: stats.discoveryCount, checkpoints: stats.checkpointCount, tools: stats.toolUsage, tokens: stats.tokens, minutes: stats.durationMinutes }));
    },
  },
  summary: {
    usage: '/summary',
    help: 'summarise the session (recorded)',
    async run(state) {
      const summary = await current(state).generateSummary();
      state.out.result(summary, () => {
        state.out.line(state.out.style('bold', 'Key findings'));
        for (const line of summary.keyFindings) state.out.line(`  - ${line}`);
        state.out.line(state.out.style('bold', 'Materials of interest'));
        for (const line of summary.materialsOfInterest) state.out.line(`  - ${line}`);
        state.out.line(state.out.style('bold', 'Next steps'));
        for (const line of summary.nextSteps) state.out.line(`  - ${line}`);
      });
    },
  },
  export: {
    usage: '/export <file>',
    help: 'write the session with every event to a file',
    async run(state, arg) {
      const file = needs(arg, 'file');
      const doc = await state.session.export({ includeEvents: true, includeDiscoveries: true, includeMaterials: true });
      await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
      state.out.line(`exported to ${file}`);
    },
  },
  help: {
    usage: '/help',
    help: 'this list',
    async run(state) {
      state.out.line('Type a question to ask the analyst. Commands:');
      for (const command of Object.values(COMMANDS)) state.out.line(`  ${command.usage.padEnd(20)} ${command.help}`);
    },
  },
  quit: {
    usage: '/quit',
    help: 'leave (Ctrl-D too)',
    async run() {
      return 'quit';
    },
  },
};

export async function slashCommand(state: ChatState, line: string): Promise<void | 'quit'> {
  const [name = '', ...rest] = line.slice(1).split(/\s+/);
  const command = COMMANDS[name.toLowerCase()] ?? (name === 'exit' ? COMMANDS.quit : undefined);
  if (!command) throw new Error(`unknown command /${name}: /help lists them`);
  return command.run(state, rest.join(' ').trim());
}
