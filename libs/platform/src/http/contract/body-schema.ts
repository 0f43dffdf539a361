import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldProblem } from '@budgetflow/contracts';
import { ProblemException } from '../problem/problem';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, coerceTypes: false, useDefaults: false });
const compiled = new WeakMap<TSchema, ValidateFunction>();

export const validatorOf = (schema: TSchema): ValidateFunction => {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);
    compiled.set(schema, validate);
  }
  return validate;
};

/** `RequestReader` treats a JSON null as an absent field; the schema check does the same. */
const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
};

/** `/spendingPlan/1/cumulativePercent` → `spendingPlan[1].cumulativePercent` (the field paths of `RequestReader`). */
const fieldOf = (pointer: string, child?: string): string => {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) segments.push(child);
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
};

const TYPE_MESSAGES: Record<string, string> = { string: '应为字符串', array: '应为数组', boolean: '应为 true 或 false', number: '应为数字' };

/**
 * One ajv error in the words and codes `RequestReader` uses, so that a refusal reads the same whoever found it.
 * A property schema with `x-code` answers that code for any error of its own (a domain reader's code, such as
 * VOUCHER_INVALID), a missing required property included.
 */
const problemOf = (error: ErrorObject): FieldProblem => {
  const own = readerProblemOf(error);
  const parent = (error.parentSchema ?? {}) as { 'x-code'?: string; properties?: Record<string, { 'x-code'?: string }> };
  const code = error.keyword === 'required' ? parent.properties?.[(error.params as { missingProperty: string }).missingProperty]?.['x-code'] : error.keyword === 'additionalProperties' ? undefined : parent['x-code'];
  return code ? { ...own, code } : own;
};

const readerProblemOf = (error: ErrorObject): FieldProblem => {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const field = fieldOf(error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { field: fieldOf(error.instancePath, missing), code: 'FIELD_REQUIRED', message: '必填项缺失' };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return { field: fieldOf(error.instancePath, extra), code: 'FIELD_NOT_ALLOWED', message: `不允许提交字段 ${extra}` };
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      if (parent['x-money']) {
        return typeof error.data === 'number'
          ? { field, code: 'AMOUNT_NOT_STRING', message: '金额必须是字符串形式的十进制数（如 "654.24"），不接受 JSON 数字' }
          : { field, code: 'AMOUNT_INVALID', message: '金额不是有效的十进制数' };
      }
      if (expected === 'object') return { field, code: 'BODY_NOT_OBJECT', message: '请求体应为 JSON 对象' };
      if (expected === 'integer') return { field, code: 'FIELD_TYPE_INVALID', message: `应为 ${parent.minimum ?? ''}–${parent.maximum ?? ''} 之间的整数` };
      return { field, code: 'FIELD_TYPE_INVALID', message: TYPE_MESSAGES[expected] ?? `应为 ${expected}` };
    }
    case 'pattern':
      if (parent['x-money']) return { field, code: 'AMOUNT_INVALID', message: '金额不是有效的十进制数' };
      return { field, code: 'FIELD_TYPE_INVALID', message: `格式应为 ${String(parent.pattern)}` };
    case 'maxLength':
      return { field, code: 'TEXT_TOO_LONG', message: `不超过 ${String(parent.maxLength)} 字` };
    case 'minLength':
      return { field, code: 'FIELD_REQUIRED', message: '必填项缺失' };
    case 'maxItems':
      return { field, code: 'LIST_TOO_LONG', message: `不超过 ${String(parent.maxItems)} 项` };
    case 'minimum':
    case 'maximum':
      return { field, code: 'FIELD_TYPE_INVALID', message: `应为 ${parent.minimum ?? ''}–${parent.maximum ?? ''} 之间的${parent.type === 'integer' ? '整数' : '数'}` };
    default:
      return { field, code: 'FIELD_TYPE_INVALID', message: error.message ?? '字段无效' };
  }
};

/** Checks a request body against its schema; the problems in `RequestReader`'s codes, or none. */
export const bodyProblems = (schema: TSchema, body: unknown): FieldProblem[] => {
  const validate = validatorOf(schema);
  if (validate(withoutNulls(body ?? {}))) return [];
  const problems: FieldProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = problemOf(error);
    // A union's branches each complain; one line per field and code is enough.
    if (!problems.some((known) => known.field === problem.field && known.code === problem.code)) problems.push(problem);
  }
  return problems;
};

/** Refuses a body that does not fit its schema: 400 problem+json listing every field problem, nothing done. */
@Injectable()
export class BodySchemaCheck implements CanActivate {
  constructor(
    private readonly schema: TSchema,
    /** Bodies of other media types (CSV text) are the handler's to parse. */
    private readonly jsonOnly = true,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (!(this.jsonOnly && typeof body === 'string')) {
      const problems = bodyProblems(this.schema, body);
      if (problems.length > 0) {
        const first = problems[0];
        throw new ProblemException(400, first.code, '请求参数无效', `${first.field || '请求体'}：${first.message}`, problems);
      }
    }
    return true;
  }
}
