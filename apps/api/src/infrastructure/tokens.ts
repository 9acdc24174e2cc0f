// Injection tokens for the ports, so features depend on interfaces, not on adapters.
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const PROJECTION_ENGINE = Symbol('PROJECTION_ENGINE');
/** What the start-up check found in the event store (store-integrity.ts). */
export const STORE_INTEGRITY = Symbol('STORE_INTEGRITY');
