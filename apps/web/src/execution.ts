import { ApiError, loadSession } from './api';
import { useQueryParam } from './router';

/** Helpers of the execution pages; the shapes the monitoring routes answer are in `@budgetflow/contracts`. */
export const CHECKPOINTS = ['3月底', '6月底', '10月底', '12月底'];

/** `?checkpoint=today` in a page's address: today chosen on purpose (for a past year too). */
const TODAY = 'today';
/** A past year is looked at as it ended. */
export const LAST_CHECKPOINT = '12月底';
/** Whether the day the API answered for (`asOf`, today by default) lies after the fiscal year. */
export const isPastYear = (asOf: string, year: string): boolean => asOf > `${year}-12-31`;

/**
 * The checkpoint of the monitoring pages, kept in the address (`?checkpoint=6月底`) so it survives going from the
 * county to a department and back, reloads and shared links. Without one the year's default applies: today for a
 * running year, its last checkpoint (12月底) for a past one — which only the API's clock can tell, so a page asks
 * for today, sees the answer's `asOf` and, for a past year, asks again at 12月底 and records it (`settle`).
 */
export function useCheckpoint() {
  const [param, setParam] = useQueryParam('checkpoint');
  const chosen = param !== undefined && param !== TODAY ? param : '';
  return {
    /** The checkpoint to ask the API for ('' = today). */
    checkpoint: chosen,
    /** No checkpoint in the address: the year's default still has to be settled. */
    isDefault: param === undefined,
    /** The picker's choice: '' (today) is kept as `today` so that a past year does not jump back to 12月底. */
    choose: (value: string) => setParam(value === '' ? TODAY : value),
    /** Records the default a page settled on (12月底 of a past year) in the address, replacing the entry. */
    settle: (checkpoint: string) => {
      if (param === undefined && checkpoint !== '') setParam(checkpoint, { replace: true });
    },
  };
}

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
