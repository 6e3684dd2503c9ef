// What other modules may use from tasks: status labels, the task table the portfolio reads and the
// task read rule in SQL, so every list that shows tasks shows exactly what the policy lets the actor read.
// A module's own files never import this file.
export { task } from './schema.ts';
export { TARGET_STATUS_DA, TASK_STATUS_DA } from './status.ts';
export { canAuthor, taskVisibleTo } from './policy.ts';
// Other modules create tasks through the same use cases as the authoring pages (Aula's overview
// creates one to the system owners of the municipalities that are not ready).
export { createTask } from './author/create-task.ts';
export { publishTask } from './author/change-task-status.ts';
// A programme's timeline (Borgerblikket's page shows the deck's milestones).
export { programmeMilestones, type Milestone } from './milestones.ts';
export { milestoneStates, project, projectMilestone, type MilestoneState } from './schema.ts';
// Borgerblikket's assessment publishes one task with each municipality's extract as its attachment,
// and completes a municipality's step once it has decided every listed KLE number (its demo writes
// the same rows directly).
export { addMunicipalityAttachments, codeFromFilename, registerUploadParser } from './author/upload-attachments.ts';
export { answerStep } from './municipal/answer-step.ts';
export { stepAnswer, taskFile, taskStep, taskTarget, type TargetStatus } from './schema.ts';
export { nextTaskCode } from './author/next-task-code.ts';
// News renders its items' bodies with the same safe Markdown renderer as task descriptions.
export { markdownToText, renderMarkdown } from './markdown.ts';
