/**
 * Preload (`node -r`) for worker child processes in tests: the process's clock (`Date.now()`, `new Date()`)
 * runs in real time, shifted by `BUDGETFLOW_TEST_CLOCK_OFFSET_MS`. The worker takes its clock from
 * `new Date()` only, so this is how a test puts a real worker process into the fixture's year 2024.
 * Every process that touches the same BullMQ queues must run with the same offset (BullMQ stamps jobs with it).
 */
const offset = Number(process.env.BUDGETFLOW_TEST_CLOCK_OFFSET_MS ?? 0);
if (!Number.isFinite(offset)) throw new Error('BUDGETFLOW_TEST_CLOCK_OFFSET_MS must be a number of milliseconds');
const RealDate = Date;
const now = () => RealDate.now() + offset;
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  apply: () => new RealDate(now()).toString(),
  get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
});
