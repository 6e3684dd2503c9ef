import { task } from './schema.ts';

/** The task columns beside a municipality's own status (taskStatus: the task's, status: the municipality's). */
export const municipalTaskColumns = {
  id: task.id,
  code: task.code,
  title: task.title,
  taskStatus: task.status,
  deadline: task.deadline,
  critical: task.critical,
  crossCutting: task.crossCutting,
  optional: task.optional,
};
