// Every table of the application, gathered for drizzle-kit and the typed client.
export * from '../platform/identity/schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../platform/auth/throttle-schema.ts';
export * from '../platform/idempotency/schema.ts';
export * from '../platform/audit/schema.ts';
export * from '../platform/outbox/schema.ts';
export * from '../modules/tasks/schema.ts';
export * from '../platform/notify/schema.ts';
export * from '../modules/agreements/schema.ts';
export * from '../modules/compliance/schema.ts';
export * from '../modules/economy/schema.ts';
export * from '../modules/aula/schema.ts';
export * from '../modules/borgerblikket/schema.ts';
export * from '../modules/programmes/schema.ts';
export * from '../modules/news/schema.ts';
export * from '../modules/meetings/schema.ts';
export * from '../modules/operations/schema.ts';
