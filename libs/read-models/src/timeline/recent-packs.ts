// Packed values by their JSON text, kept for texts about to be written again: a restore writes
// back the versions its plan has just read, and packing is most of what writing a version costs
// (a deflate with a dictionary: about 30 µs however small the value, against 7 µs to inflate).
// A packed form unpacks to its text, so a value taken from here reads back exactly as packing the
// text again would. Bounded by the text it holds, forgotten all at once past that.
import { packJson, type PackedJson } from '@crystalyse/event-store';

const BUDGET_CHARS = 4 * 2 ** 20;

export class RecentPacks {
  private readonly byText = new Map<string, PackedJson>();
  private chars = 0;

  constructor(private readonly budgetChars = BUDGET_CHARS) {}

  /** Keeps a stored value just unpacked to `json` (one stored as plain text needs no packing). */
  remember(json: string, stored: PackedJson): void {
    if (typeof stored === 'string' || this.byText.has(json)) return;
    if (this.chars + json.length > this.budgetChars) {
      this.byText.clear();
      this.chars = 0;
    }
    this.byText.set(json, stored);
    this.chars += json.length;
  }

  /** The stored form of `json`: the one remembered, or packed now. */
  pack(json: string): PackedJson {
    return this.byText.get(json) ?? packJson(json);
  }
}
