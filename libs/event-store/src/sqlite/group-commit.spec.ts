// Group commit with a durable barrier: a write settles only when the fsync covering its commit
// has returned, one fsync covers every commit made while the previous one ran, and a failed
// fsync is never taken for success.
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';

/** A barrier the test releases by hand, one fsync at a time. */
function manualBarrier() {
  const pending: Array<{ release: () => void; fail: (error: Error) => void }> = [];
  const barrier = () => new Promise<void>((release, fail) => pending.push({ release, fail }));
  return { barrier, pending };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  const { barrier, pending } = manualBarrier();
  const woken: number[] = [];
  const writer = new GroupCommit(db, () => woken.push(count()), barrier);
  return { writer, insert, count, pending, woken };
}

describe('group commit with a durable barrier', () => {
  it('given a committed write, when its fsync has not returned, then it is not settled and subscribers are not woken', async () => {
    const { writer, insert, count, pending, woken } = setup();
    let settled = false;
    const write = writer.submit(() => insert.run(1)).then(() => (settled = true));
    await tick();
    expect(count()).toBe(1); // committed
    expect(pending).toHaveLength(1);
    expect(settled).toBe(false);
    expect(woken).toEqual([]);
    pending[0]!.release();
    await write;
    expect(settled).toBe(true);
    expect(woken).toEqual([1]);
  });

  it('given an fsync running, when more commits happen, then one next fsync covers them all', async () => {
    const { writer, insert, pending } = setup();
    const first = writer.submit(() => insert.run(1));
    await tick();
    const later = [writer.submit(() => insert.run(2))];
    await tick();
    later.push(writer.submit(() => insert.run(3)));
    await tick();
    expect(pending).toHaveLength(1); // one fsync at a time
    pending[0]!.release();
    await first;
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]!.release();
    await Promise.all(later);
    expect(writer.stats()).toMatchObject({ transactions: 3, operations: 3, syncs: 2 });
  });

  it('given a refused write, then it is told at once, without waiting for the fsync', async () => {
    const { writer, pending } = setup();
    await expect(writer.submit(() => { throw new Error('wrong expected version'); })).rejects.toThrow('wrong expected version');
    expect(pending).toHaveLength(0);
  });

  it('given a failing fsync, then the writes it covered fail and every later write is refused', async () => {
    const { writer, insert, pending } = setup();
    const write = writer.submit(() => insert.run(1));
    await tick();
    pending[0]!.fail(new Error('EIO'));
    await expect(write).rejects.toThrow(/could not make its writes durable.*EIO/);
    await expect(writer.submit(() => insert.run(2))).rejects.toThrow(/refuses writes/);
  });
});
