import { refuse } from '../errors';

/**
 * The alphabet of a project code (项目编码): ASCII letters, digits and `-_.`, 1 to 64 characters — what the
 * provincial codes such as `13043324P00007510001B` are made of. Everything else is refused: full-width and
 * look-alike letters, invisible characters (zero-width spaces, BOM, bidi controls), spaces, and the URL
 * delimiters `/ ? #` (a project code is a path segment of the API).
 */
export const PROJECT_CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const isProjectCode = (code: unknown): code is string => typeof code === 'string' && PROJECT_CODE_PATTERN.test(code);

export const PROJECT_CODE_RULE = '项目编码只能由英文字母、数字和 - _ . 组成，长度 1 至 64 个字符';

export const requireProjectCode = (code: string, field: string): void => {
  if (!isProjectCode(code)) refuse('PROJECT_CODE_INVALID', field, `${PROJECT_CODE_RULE}：${JSON.stringify(String(code))}`);
};
