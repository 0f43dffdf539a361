import { ApiError, loadSession } from './api';

/** Helpers of the execution pages; the shapes the monitoring routes answer are in `@budgetflow/contracts`. */
export const CHECKPOINTS = ['3月底', '6月底', '10月底', '12月底'];

/** `?checkpoint=6月底` or nothing (today). */
export const asOfQuery = (checkpoint: string): string => (checkpoint ? `?checkpoint=${encodeURIComponent(checkpoint)}` : '');

export const WARNING_NAMES: Record<string, string> = { none: '正常', yellow: '黄色预警', red: '红色预警' };
export const INDICATOR_STATUS_NAMES: Record<string, string> = {
  'not-reported': '未填报',
  'on-track': '正常',
  'at-risk': '有风险',
  missed: '无法完成',
  met: '已完成',
};

/** Downloads a file the API answers (XLSX) with the signed-in user's token. */
export async function download(url: string, fileName: string): Promise<void> {
  const session = loadSession();
  // A local account downloads with its session cookie (sent by the browser), a token user with the token.
  const response = await fetch(url, { headers: session?.token ? { authorization: `Bearer ${session.token}` } : {} });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError({ status: response.status, code: problem.code ?? `HTTP_${response.status}`, title: problem.title ?? '下载失败', detail: problem.detail });
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
