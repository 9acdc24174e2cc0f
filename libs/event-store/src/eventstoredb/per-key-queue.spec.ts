import { PerKeyQueue } from './per-key-queue.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PerKeyQueue', () => {
  it('runs tasks of one key one after another, in call order', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('s', task('a')), queue.run('s', task('b')), queue.run('s', task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys concurrently', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('s1', task('a')), queue.run('s2', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('a failed task rejects its own caller only, and the next task still runs', async () => {
    const queue = new PerKeyQueue();
    const failed = queue.run('s', async () => {
      throw new Error('boom');
    });
    const next = queue.run('s', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a key once its work is done', async () => {
    const queue = new PerKeyQueue();
    await Promise.all([queue.run('s1', async () => 1), queue.run('s2', async () => 2)]);
    await tick();
    expect(queue.size).toBe(0);
  });
});
