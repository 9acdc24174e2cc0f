// Runs the tasks of one key (a thread) one after another, in call order. LangGraph saves a
// checkpoint and its tasks' writes concurrently; queued, they neither race for the same stream
// revision nor fold into the index twice. Only an optimisation between processes: the expected
// revision checked by the store decides there.
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
