import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { ProblemException } from '@budgetflow/platform';

const logger = new Logger('http');

/** What Node's HTTP parser refuses before any route sees the request, in the words a caller can act on. */
const problemOf = (code: string | undefined): ProblemException => {
  switch (code) {
    case 'HPE_INVALID_URL':
      return new ProblemException(
        400,
        'URL_NOT_ENCODED',
        '请求地址含有未编码的字符',
        '查询参数中的中文等非 ASCII 字符须按 UTF-8 百分号编码，例如 checkpoint=3月底 应写作 checkpoint=3%E6%9C%88%E5%BA%95（浏览器和 curl --data-urlencode -G 会自动编码）',
        [{ field: 'url', code: 'URL_NOT_ENCODED', message: '地址中的非 ASCII 字符须百分号编码' }],
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ProblemException(408, 'REQUEST_TIMEOUT', '请求超时', '请求未在限定时间内发送完毕');
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemException(431, 'HEADERS_TOO_LARGE', '请求头过大', '请求头超过服务器允许的大小');
    default:
      return new ProblemException(400, 'MALFORMED_REQUEST', '请求格式无效', '请求不符合 HTTP 协议，服务器无法解析');
  }
};

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses (raw non-ASCII bytes in the URL, a malformed request
 * line, an oversized header, a request that times out) is answered as problem+json in Chinese, with a request id that
 * the warning in the log carries too — not Fastify's English `{"error":"Bad Request"}`, and not silently.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const requestId = randomUUID();
  const problem = problemOf(error.code);
  // The app's logger (pino, LOG_FILE), not Fastify's own, which the Nest adapter leaves silent.
  logger.warn({ requestId, code: error.code, status: problem.status, remoteAddress: socket.remoteAddress, msg: `request refused by the HTTP parser: ${problem.code}` });
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(problem.toDocument());
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}
