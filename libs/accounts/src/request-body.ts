import { type FieldProblem, ProblemException } from '@budgetflow/platform';

/**
 * Reads the few string fields an accounts request has: an object, each field a string of bounded length, no other
 * field. Every problem is a field error of one 400 answer, before anything changes.
 */
export function readFields<K extends string>(body: unknown, required: readonly K[], optional: readonly K[] = [], maxLength = 200): Record<K, string | undefined> {
  const problems: FieldProblem[] = [];
  const fields = {} as Record<K, string | undefined>;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemException(400, 'BODY_NOT_OBJECT', '请求参数无效', '请求体应为 JSON 对象', [{ field: '', code: 'BODY_NOT_OBJECT', message: '请求体应为 JSON 对象' }]);
  }
  const record = body as Record<string, unknown>;
  for (const name of [...required, ...optional]) {
    const value = record[name];
    if (value === undefined || value === null) {
      if (required.includes(name)) problems.push({ field: name, code: 'FIELD_REQUIRED', message: '必填项缺失' });
      continue;
    }
    if (typeof value !== 'string') problems.push({ field: name, code: 'FIELD_TYPE_INVALID', message: '应为字符串' });
    else if (value.length > maxLength) problems.push({ field: name, code: 'TEXT_TOO_LONG', message: `不超过 ${maxLength} 个字符` });
    else if (value.trim() === '' && required.includes(name)) problems.push({ field: name, code: 'FIELD_REQUIRED', message: '必填项缺失' });
    else fields[name] = value;
  }
  for (const name of Object.keys(record)) {
    if (![...required, ...optional].includes(name as K)) problems.push({ field: name, code: 'FIELD_NOT_ALLOWED', message: `不允许提交字段 ${name}` });
  }
  if (problems.length > 0) throw invalid(problems);
  return fields;
}

export const invalid = (problems: FieldProblem[]): ProblemException =>
  new ProblemException(400, problems[0].code, '请求参数无效', `${problems[0].field || '请求体'}：${problems[0].message}`, problems);
