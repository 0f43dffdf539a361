import type { FieldProblem, Problem } from '@budgetflow/contracts';
import { ApiError, loadSession, saveSession } from './api';

/**
 * Files to and from the API (Excel workbooks, CSV lists): the same credentials as `api` (a demo token, or the
 * session cookie with its CSRF token for writes), binary bodies both ways. A download is fetched with those
 * credentials — a plain link could not carry a bearer token — and handed to the browser as a file.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A refusal naming a cell of an uploaded workbook (`基本支出!B3`) or a line of an uploaded list. */
export interface FileProblem extends FieldProblem {
  sheet?: string;
  row?: number;
  column?: string;
  header?: string;
  line?: number;
}

/** An `ApiError` whose problem keeps the file's own coordinates (sheet, row, column, header, line) of every error. */
export class FileApiError extends ApiError {
  constructor(
    problem: Problem,
    readonly fileErrors: FileProblem[],
  ) {
    super(problem);
  }
}

const credentials = (method: string, ifMatch?: number): Record<string, string> => {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const session = loadSession();
  if (session?.token) headers['authorization'] = `Bearer ${session.token}`;
  else if (session?.csrfToken && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  return headers;
};

const refusalOf = async (response: Response): Promise<FileApiError> => {
  if (response.status === 401 && loadSession() && !loadSession()?.token) saveSession(null);
  let body: Partial<Problem> & { errors?: FileProblem[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = {};
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  return new FileApiError({ status: response.status, code: body.code ?? 'HTTP_' + response.status, title: body.title ?? '请求失败', detail: body.detail, errors }, errors);
};

const send = async (url: string, init: RequestInit): Promise<Response> => {
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', title: '无法连接服务器', detail: '请检查网络后重试' });
  }
};

/** The file name the service gives (`content-disposition`), or the fallback. */
const fileNameOf = (response: Response, fallback: string): string => /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/** Fetches a file with the session's credentials and saves it in the browser under the service's file name. */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await send(url, { method: 'GET', headers: credentials('GET') });
  if (!response.ok) throw await refusalOf(response);
  const name = fileNameOf(response, fallbackName);
  const href = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

/** Posts a file as the raw body; answers the JSON answer, or throws a `FileApiError` with every named error. */
export async function uploadFile<T>(url: string, file: Blob, contentType: string, options: { ifMatch?: number } = {}): Promise<T> {
  const headers = { ...credentials('POST', options.ifMatch), 'content-type': contentType };
  const response = await send(url, { method: 'POST', headers, body: file });
  if (!response.ok) throw await refusalOf(response);
  return (await response.json()) as T;
}

/** The content type to send a chosen file as: a workbook by its extension, otherwise a CSV list. */
export const contentTypeOf = (file: File): string => (/\.xlsx$/i.test(file.name) || file.type === XLSX_CONTENT_TYPE ? XLSX_CONTENT_TYPE : 'text/csv');
