import { type AddressInfo, Socket } from 'node:net';
import { useTestApp } from '../support/test-app';

/**
 * Issue 15, defect 8: a client that dribbles its body a byte at a time is cut off once the request timeout
 * (here 1.5 s through HTTP_REQUEST_TIMEOUT_MS) has passed — a 408 or a closed connection, not an open socket.
 */
describe('slow request bodies are timed out', () => {
  const t = useTestApp({ HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_CONNECTION_TIMEOUT_MS: '20000' });
  let port: number;

  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  it('closes a connection that sends one byte every 300 ms within the timeout', async () => {
    const socket = new Socket();
    const started = Date.now();
    let answer = '';
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
    socket.write(`POST /v1/budgets/501/2024/income HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const dribble = setInterval(() => {
      if (!socket.destroyed) socket.write('{');
    }, 300);
    const watchdog = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 8000));
    const after = await Promise.race([closed, watchdog]);
    clearInterval(dribble);
    socket.destroy();
    // Closed by the server within the timeout plus the check interval, not left open by a never-ending body.
    expect(after).toBeGreaterThan(1000);
    expect(after).toBeLessThan(4000);
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);

  it('still serves a normal request', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBeLessThan(600);
    expect([200, 503]).toContain(response.status);
  });
});
