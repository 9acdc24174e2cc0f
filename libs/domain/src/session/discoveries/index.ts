// Discoveries: detected with an answer or recorded by hand; the detection settings, links, review, tags.
export type * from './commands.js';
export type * from './events.js';
export { discoveriesSlice } from './slice.js';
