// Runs tasks for the same key one after another. Appends use it per stream: the hash chain turns
// every append into an optimistic-concurrency write, and N callers of one process racing for one
// stream would otherwise cost up to N attempts each. It is an optimisation, never the guard: the
// expected revision checked by the server still decides between processes and replicas.
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The next task waits for this one to settle, whether it succeeded or not.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
