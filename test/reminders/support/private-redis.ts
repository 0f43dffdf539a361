import { type ChildProcess, spawn } from 'node:child_process';
import { Socket } from 'node:net';

import { freePort } from '../../support/built-service';

export { freePort };

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
  });

/**
 * A private redis-server on a free port, keeping nothing on disk (like the local one): `restart()` kills it
 * (SIGKILL, everything lost) and starts an empty one on the same port. Never touches the shared Redis.
 */
export async function startPrivateRedis(): Promise<{ url: string; port: number; restart(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await stop();
      await start();
    },
    stop,
  };
}
