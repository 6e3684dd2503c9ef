// What other modules may use from this module: nothing yet (its routes are registered by
// src/modules/index.ts). A module's own files never import this file.
export {};
