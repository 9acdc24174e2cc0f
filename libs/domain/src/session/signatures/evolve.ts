// A signature changes nothing in the state, nor does one carried over by an import: both are read
// from the events (validity.ts).
import type { Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { SignatureEvent } from './events.js';

export function evolveSignature(_state: SessionState, event: SignatureEvent): Change[] {
  switch (event.type) {
    case 'SignatureRecorded':
    case 'SignatureImported':
      return [];
    default: {
      const _never: never = event;
      throw new Error(`Unknown signature event ${JSON.stringify(_never)}`);
    }
  }
}
