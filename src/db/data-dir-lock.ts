import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { formatDateTimeSeconds } from '../platform/views/format.ts';

/**
 * PGlite has no lock of its own: a second process opening the same data directory gets a copy of
 * the database that the first one never sees (a token it writes does not work) or corrupts it.
 * So every process takes this lock file, next to the directory, before it opens PGlite.
 */
export type LockHolder = { pid: number; hostname: string; command: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(lockedMessage(dir, lockFile, holder));
  }
}

function danishTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatDateTimeSeconds(d);
}

function lockedMessage(dir: string, lockFile: string, h: LockHolder): string {
  const sameHost = h.hostname === os.hostname();
  return [
    `Databasen i ${dir} er i brug af en anden proces og kan kun åbnes af én proces ad gangen.`,
    `  Proces: pid ${h.pid}${sameHost ? '' : ` på ${h.hostname}`}: ${h.command}`,
    `  Siden:  ${danishTime(h.since)}`,
    'Gør sådan: stop den kørende server (Ctrl+C, eller fx systemctl stop samspil) og kør kommandoen igen.',
    'En API-nøgle kan oprettes mens serveren kører: under "Min profil" eller med POST /api/v1/tokens.',
    sameHost ? '' : `Er processen på ${h.hostname} stoppet, så slet ${lockFile}.`,
    '',
    `The database in ${dir} is in use by process ${h.pid} (${h.command}) since ${h.since}.`,
    'Stop that server first, or create API tokens under "Min profil" / with POST /api/v1/tokens while it runs.',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, command: String(parsed.command ?? '?'), since: String(parsed.since ?? '?') };
    }
  } catch {
    // Missing (released meanwhile) or unreadable: the caller decides.
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A dead process on this host left it behind (kill -9, power cut). Other hosts cannot be checked. */
function isStale(h: LockHolder | undefined): boolean {
  if (!h) return true;
  return h.hostname === os.hostname() && h.pid !== process.pid && !alive(h.pid);
}

const held = new Set<string>();
process.on('exit', () => {
  // process.exit() skips awaited closes; never leave a lock naming this (now dead) process.
  for (const file of held) releaseFile(file);
});

function releaseFile(lockFile: string) {
  const h = readHolder(lockFile);
  if (h && h.pid === process.pid && h.hostname === os.hostname()) fs.rmSync(lockFile, { force: true });
  held.delete(lockFile);
}

/**
 * Takes `<dir>.lock` exclusively or throws DataDirLockedError naming the holder. The lock file is
 * written complete under a temporary name and then hard-linked into place, so nobody ever reads a
 * half-written one; link() fails when the name exists, which makes the take atomic.
 */
export function lockDataDir(dir: string): { release(): void } {
  const lockFile = `${dir}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  const temp = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temp, JSON.stringify(me), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(temp, lockFile);
        held.add(lockFile);
        return { release: () => releaseFile(lockFile) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockFile);
      if (!isStale(holder)) throw new DataDirLockedError(dir, lockFile, holder!);
      takeOverStale(lockFile, holder);
    }
    throw new Error(`Kunne ikke tage låsen ${lockFile}; prøv igen.`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Moves the stale file aside and deletes it only if it is still the stale one: when two processes
 * take over at once, the slower one must not delete the lock the faster one has just taken.
 */
function takeOverStale(lockFile: string, stale: LockHolder | undefined) {
  const aside = `${lockFile}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return; // already gone: try again
  }
  const moved = readHolder(aside);
  if (JSON.stringify(moved) !== JSON.stringify(stale)) {
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // Someone took it meanwhile; theirs stands.
    }
  }
  fs.rmSync(aside, { force: true });
}
