/** A keep-alive JSON client for one local port: what every bench side (api, peer, floor) is called through. */
import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpClient {
  call(method: string, url: string, token: string | undefined, body?: unknown): Promise<HttpAnswer>;
  destroy(): void;
}

export function keepAliveClient(port: number, maxSockets = 256): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const call = (method: string, url: string, token: string | undefined, body?: unknown): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (token) headers['authorization'] = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      const req = request({ host: '127.0.0.1', port, method, path: url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  return { call, destroy: () => agent.destroy() };
}
