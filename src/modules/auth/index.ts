// What other modules may use from auth. A module's own files never import this file.
export { createTokenForEmail } from './cli-token.ts';
export { issuePasswordLink } from './password-links.ts';
