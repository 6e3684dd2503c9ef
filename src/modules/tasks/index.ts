// What other modules may use from tasks: status labels and the task table the portfolio reads.
// A module's own files never import this file.
export { task } from './schema.ts';
export { TASK_STATUS_DA } from './status.ts';
