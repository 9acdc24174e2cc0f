// Jest reads a session's Items (libs/domain, core/items.ts) as the list of records they hold, in
// order: `expect(state.workspace.tasks).toEqual([...])` asserts what it always did, the records and
// their order, whether the state keeps them in an array or in Items.
import { isItems } from '../../libs/domain/src/session/core/items.js';

(expect as unknown as { addEqualityTesters(testers: unknown[]): void }).addEqualityTesters([
  function itemsAsList(this: { equals(a: unknown, b: unknown): boolean }, a: unknown, b: unknown): boolean | undefined {
    if (!isItems(a) && !isItems(b)) return undefined;
    const list = (value: unknown) => (isItems(value) ? value.values() : value);
    return this.equals(list(a), list(b));
  },
]);
