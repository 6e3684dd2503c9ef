// What other modules may use from notifications (the user's notification settings and the daily
// digest). A module's own files never import this file.
export { DIGEST_SUBJECT, sendDigests } from './send-digests.ts';
