import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';

export type HeldRole = { roleTypeKey: string; solutionKey: string | null; isPrimary: boolean };

/** Who is acting. Loaded once per request from the session or the API token. */
export type Actor = {
  userId: string;
  personId: string;
  name: string;
  email: string;
  /** null for staff of the joint organisation */
  municipalityCode: string | null;
  municipalityName: string | null;
  roles: HeldRole[];
};

/** The one object every use case receives: who, against which database, when, and for which request. */
export type Ctx = {
  actor: Actor | null;
  db: Db;
  now: Date;
  requestId: string;
  config: Config;
};

export const isCentral = (a: Actor | null): boolean => a !== null && a.municipalityCode === null;
export const isCentralAdmin = (a: Actor | null): boolean =>
  a !== null && isCentral(a) && a.roles.some((r) => r.roleTypeKey === 'administrator');
/** Central administrators and consultants write tasks and agreements; other central staff read them. */
export const isCentralEditor = (a: Actor | null): boolean =>
  a !== null && isCentral(a) && a.roles.some((r) => r.roleTypeKey === 'administrator' || r.roleTypeKey === 'konsulent');
export const holds = (a: Actor, roleTypeKey: string) => a.roles.some((r) => r.roleTypeKey === roleTypeKey);

export function actorLabel(a: Actor | null): string {
  if (!a) return 'system';
  return `${a.name} <${a.email}>`;
}
