// Export and import: a versioned document of a session; a backup imported is decided again, event for event.
export * from './export.js';
