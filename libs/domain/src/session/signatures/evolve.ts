// A signature changes nothing in the state: it is read from the events (validity.ts).
import type { Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { SignatureEvent } from './events.js';

export function evolveSignature(_state: SessionState, event: SignatureEvent): Change[] {
  switch (event.type) {
    case 'SignatureRecorded':
      return [];
    default: {
      const _never: never = event.type;
      throw new Error(`Unknown signature event ${String(_never)}`);
    }
  }
}
