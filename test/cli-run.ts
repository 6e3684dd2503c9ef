import { execFile, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Run = { code: number; stdout: string; stderr: string; ms: number };

/** Only what the test gives, plus PATH and HOME: the developer's own SAMSPIL_MODE etc. must not leak in. */
function cleanEnv(env: Record<string, string>) {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'silent', ...env };
}

/** Runs `node bin/samspil.mjs …` to its end. */
export function samspil(args: string[], env: Record<string, string>): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/samspil.mjs', ...args], { cwd: root, env: cleanEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - t0 });
    });
  });
}

export type Server = { child: ChildProcess; port: number; output: () => string; stop(): Promise<number | null> };

/** A port above 20000 that nobody else on the shared machine is likely to pick. */
export function randomPort(): number {
  return 20_000 + Math.floor(Math.random() * 40_000);
}

/** Starts `samspil serve …` and resolves once it says it is listening. */
export function startServer(args: string[], given: Record<string, string> | ((port: number) => Record<string, string>)): Promise<Server> {
  const port = randomPort();
  // A function gets the port first, for settings that name it (PUBLIC_URL).
  const env = typeof given === 'function' ? given(port) : given;
  const child = spawn(process.execPath, ['bin/samspil.mjs', 'serve', ...args], {
    cwd: root,
    env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), OUTBOX_WORKER: 'off', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: Server = {
    child,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Samspil kører på')) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it listened:\n${output}`));
    });
  });
}
