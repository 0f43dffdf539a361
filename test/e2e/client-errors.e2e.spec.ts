import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { useTestApp } from '../support/test-app';

/** Sends raw bytes over a real socket (what `curl 'http://…?checkpoint=3月底'` sends) and returns the whole answer. */
const rawRequest = (port: number, requestLine: Buffer): Promise<{ status: number; headers: string; body: string }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([requestLine, Buffer.from('\r\nHost: localhost\r\nConnection: close\r\n\r\n')])));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head!.split(' ')[1]), headers: head!, body: rest.join('\r\n\r\n') });
    });
  });

describe('requests the HTTP parser refuses are problem+json in Chinese, and logged', () => {
  const t = useTestApp(() => ({ LOG_LEVEL: 'info', LOG_FILE: logFile }));
  let port: number;
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'bf-client-errors-')), 'api.log');

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });

  it('raw Chinese in a query string: 400 URL_NOT_ENCODED that says how to encode it, with a request id the log carries', async () => {
    const answer = await rawRequest(port, Buffer.from('GET /v1/monitoring/2024?checkpoint=3月底 HTTP/1.1', 'utf8'));
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    const problem = JSON.parse(answer.body);
    expect(problem).toMatchObject({ status: 400, code: 'URL_NOT_ENCODED', title: '请求地址含有未编码的字符' });
    expect(problem.detail).toContain('3%E6%9C%88%E5%BA%95');
    const requestId = /x-request-id: ([0-9a-f-]{36})/i.exec(answer.headers)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 300)); // pino writes asynchronously
    expect(readFileSync(logFile, 'utf8')).toContain(requestId);
  });

  it('the same query percent-encoded reaches the route (and its own validation)', async () => {
    const answer = await rawRequest(port, Buffer.from('GET /v1/monitoring/2024?checkpoint=3%E6%9C%88%E5%BA%95 HTTP/1.1'));
    expect(answer.status).toBe(401); // past the parser: the route asks for a token
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a malformed request line: 400 MALFORMED_REQUEST problem+json', async () => {
    const answer = await rawRequest(port, Buffer.from('GET /health HTTP/9'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'MALFORMED_REQUEST', title: '请求格式无效' });
  });
});
