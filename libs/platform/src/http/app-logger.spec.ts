import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoNestLogger } from './app-logger';

const capture = (level: pino.Level) => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: new PinoNestLogger(pino({ level }, stream)) };
};

describe('PinoNestLogger', () => {
  it('writes a message with its context as one pino line', () => {
    const { lines, logger } = capture('info');
    logger.log('listening', 'http');
    expect(lines).toEqual([expect.objectContaining({ level: 30, context: 'http', msg: 'listening' })]);
  });

  it('turns an object message into fields and keeps the text after it as the message', () => {
    const { lines, logger } = capture('info');
    logger.warn({ requestId: 'r-1', reason: 'expired' }, 'login refused', 'Auth');
    expect(lines).toEqual([expect.objectContaining({ level: 40, context: 'Auth', requestId: 'r-1', reason: 'expired', msg: 'login refused' })]);
  });

  it('logs an Error as err, and Nest exception handlers (message, stack, context) as an error with that stack', () => {
    const { lines, logger } = capture('info');
    logger.error(new Error('boom'), 'store');
    logger.error('failed', 'Error: failed\n    at somewhere (x.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toEqual(expect.objectContaining({ level: 50, context: 'store', err: expect.objectContaining({ message: 'boom' }) }));
    expect(lines[1]).toEqual(expect.objectContaining({ level: 50, context: 'ExceptionsHandler', err: expect.objectContaining({ message: 'failed', stack: expect.stringContaining('at somewhere') }) }));
  });

  it("drops Nest's per-route and per-module start-up lines, and anything below the level", () => {
    const { lines, logger } = capture('warn');
    logger.log('Mapped {/v1/budgets, GET} route', 'RouterExplorer');
    logger.log('listening', 'http');
    logger.debug('detail', 'http');
    logger.warn('slow', 'http');
    expect(lines.map((line) => line['msg'])).toEqual(['slow']);
    const info = capture('info');
    info.logger.log('AppModule dependencies initialized', 'InstanceLoader');
    info.logger.log('listening', 'http');
    expect(info.lines.map((line) => line['msg'])).toEqual(['listening']);
  });
});
