import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningServer {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash or a power cut would, and keeps its data. */
  kill: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the built server (`server/dist/main.js`, as `npm start` does) on a free port of 127.0.0.1
 * with a fresh embedded database, so it creates the demo data, or on the embedded database in
 * `existingDataDir` (which `stop` then leaves in place). Resolves once it listens.
 */
export async function startServer(env: Record<string, string> = {}, existingDataDir?: string): Promise<RunningServer> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'safemonth-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'warn', PASSWORD_HASH_MEMORY_KIB: '1024', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearInterval(check);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new Error(`server did not start:\n${output}`)), 30000);
    child.on('exit', (code) => settle(new Error(`server exited with ${code}:\n${output}`)));
    const check = setInterval(() => output.includes('SafeMonth is running') && settle(), 100);
  });
  const end = async (signal: NodeJS.Signals) => {
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      await end('SIGTERM');
      if (!existingDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    kill: () => end('SIGKILL'),
  };
}
