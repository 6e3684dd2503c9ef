// What other modules may use from organisations. A module's own files never import this file.
export { authorize, authorizeCentralOverview } from './policy.ts';
export { findPersonIn } from './gallery-tx.ts';
export { getMunicipality } from './queries.ts';
export { seedDemoItChefs } from './demo.ts';
export { grantRole } from './gallery-writes.ts';
export { promoteSuccessor } from './primary.ts';
