/**
 * The real worker (`dist/apps/worker/src/main.js`, as `npm run start:worker` runs it) as a child process on the
 * bench's schema and a unique BullMQ prefix, its RSS sampled every 200 ms from /proc; the queues it fills read
 * from Redis; every key of the prefix deleted at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE, redisConnection } from '@budgetflow/reminders-application';
import { type RssSampler, sampleRss } from '../support/rss-sampler';

const root = path.resolve(__dirname, '..', '..', '..');

export interface BenchWorker {
  rss: RssSampler;
  /** Jobs waiting (delayed, waiting, prioritized) in both queues. */
  queuedJobs(): Promise<number>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the worker; resolves once its BullMQ processors are connected (the app has initialised). */
export async function startBenchWorker(options: { databaseUrl: string; schema: string; redisUrl: string }): Promise<BenchWorker> {
  const prefix = `bench-worker-${randomBytes(4).toString('hex')}`;
  // The heap bound `npm run start:worker`, the Dockerfile and the compose file give the worker.
  const child = spawn(process.execPath, ['--max-old-space-size=320', '-r', './tools/register-dist-paths.js', 'dist/apps/worker/src/main.js'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DATABASE_SCHEMA: options.schema, REDIS_URL: options.redisUrl, BULLMQ_PREFIX: prefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const rss = sampleRss(child.pid!);
  const connection = redisConnection(options.redisUrl);
  const queues = [new Queue(REMINDERS_QUEUE, { connection, prefix }), new Queue(DELIVERIES_QUEUE, { connection, prefix })];
  const stop = async (): Promise<void> => {
    rss.stop();
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await deleteKeys(options.redisUrl, prefix);
  };
  try {
    const deadline = Date.now() + 60_000;
    while ((await queues[0]!.getWorkersCount()) === 0) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`worker not ready after 60 s: ${stderr}`);
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    rss,
    queuedJobs: async () => {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCountByTypes('delayed', 'waiting', 'prioritized')));
      return counts.reduce((a, b) => a + b, 0);
    },
    stop,
  };
}
