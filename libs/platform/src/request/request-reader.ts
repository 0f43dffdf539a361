import Decimal from 'decimal.js';
import { type FieldProblem, ProblemException } from '../http';

/** Field-level problems of a request body, each with its own stable code. */
export const REQUEST_PROBLEMS = {
  BODY_NOT_OBJECT: '请求体应为 JSON 对象',
  FIELD_REQUIRED: '必填项缺失',
  FIELD_NOT_ALLOWED: '不允许提交该字段',
  FIELD_TYPE_INVALID: '字段类型错误',
  AMOUNT_NOT_STRING: '金额必须是字符串形式的十进制数（如 "654.24"），不接受 JSON 数字',
  AMOUNT_INVALID: '金额不是有效的十进制数',
  TEXT_TOO_LONG: '文本过长',
  LIST_TOO_LONG: '列表过长',
} as const;
export type RequestProblemCode = keyof typeof REQUEST_PROBLEMS;

const DECIMAL = /^-?\d{1,18}(\.\d{1,18})?$/;

/**
 * Reads a JSON request body field by field: every field it was not asked for is refused (no mass assignment:
 * `status`, `approvedBy` … cannot be smuggled in), money must be a decimal string, and all problems are
 * reported together with their field paths.
 */
export class RequestReader {
  private readonly problems: FieldProblem[];
  private readonly record: Record<string, unknown>;
  private readonly read = new Set<string>();

  private constructor(
    private readonly value: unknown,
    private readonly path: string,
    problems: FieldProblem[],
    /** Every reader of one body, so that `done` refuses unread fields at any depth. */
    private readonly family: RequestReader[],
  ) {
    this.problems = problems;
    family.push(this);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.problem(path, 'BODY_NOT_OBJECT');
      this.record = {};
    } else {
      this.record = value as Record<string, unknown>;
    }
  }

  static of(body: unknown): RequestReader {
    return new RequestReader(body, '', [], []);
  }

  private at(key: string | number): string {
    return typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
  }

  problem(field: string, code: RequestProblemCode, message?: string): void {
    this.problems.push({ field, code, message: message ?? REQUEST_PROBLEMS[code] });
  }

  has(key: string): boolean {
    return this.record[key] !== undefined && this.record[key] !== null;
  }

  private raw(key: string, required: boolean): unknown {
    this.read.add(key);
    const value = this.record[key];
    if ((value === undefined || value === null) && required) this.problem(this.at(key), 'FIELD_REQUIRED');
    return value ?? undefined;
  }

  text(key: string, options: { max?: number; optional?: boolean; allowEmpty?: boolean } = {}): string {
    const value = this.raw(key, !options.optional);
    if (value === undefined) return '';
    if (typeof value !== 'string') {
      this.problem(this.at(key), 'FIELD_TYPE_INVALID', '应为字符串');
      return '';
    }
    if (value.length > (options.max ?? 2000)) this.problem(this.at(key), 'TEXT_TOO_LONG', `不超过 ${options.max ?? 2000} 字`);
    if (!options.allowEmpty && !options.optional && value.trim() === '') this.problem(this.at(key), 'FIELD_REQUIRED');
    return value;
  }

  optionalText(key: string, max = 2000): string | undefined {
    return this.has(key) ? this.text(key, { max, optional: true, allowEmpty: true }) : (this.read.add(key), undefined);
  }

  integer(key: string, options: { optional?: boolean; min?: number; max?: number } = {}): number | undefined {
    const value = this.raw(key, !options.optional);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < (options.min ?? -1e9) || value > (options.max ?? 1e9)) {
      this.problem(this.at(key), 'FIELD_TYPE_INVALID', `应为 ${options.min ?? ''}–${options.max ?? ''} 之间的整数`);
      return undefined;
    }
    return value;
  }

  number(key: string): number {
    const value = this.raw(key, true);
    if (value === undefined) return NaN;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(this.at(key), 'FIELD_TYPE_INVALID', '应为数字');
      return NaN;
    }
    return value;
  }

  /** `true` / `false`; `undefined` when absent. */
  flag(key: string): boolean | undefined {
    const value = this.raw(key, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.problem(this.at(key), 'FIELD_TYPE_INVALID', '应为 true 或 false');
      return undefined;
    }
    return value;
  }

  /** Money: a decimal string, never a JSON number (a float cannot carry cents exactly). */
  money(key: string, options: { optional?: boolean; scale?: Decimal } = {}): Decimal | undefined {
    const value = this.raw(key, !options.optional);
    if (value === undefined) return undefined;
    if (typeof value === 'number') {
      this.problem(this.at(key), 'AMOUNT_NOT_STRING');
      return undefined;
    }
    if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
      this.problem(this.at(key), 'AMOUNT_INVALID');
      return undefined;
    }
    const amount = new Decimal(value.trim());
    return options.scale ? amount.times(options.scale) : amount;
  }

  object(key: string, options: { optional?: boolean } = {}): RequestReader | undefined {
    const value = this.raw(key, !options.optional);
    if (value === undefined) return undefined;
    return new RequestReader(value, this.at(key), this.problems, this.family);
  }

  /** Lists of plain values or objects; `max` bounds hostile sizes. */
  list(key: string, options: { optional?: boolean; max?: number } = {}): unknown[] | undefined {
    const value = this.raw(key, !options.optional);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.problem(this.at(key), 'FIELD_TYPE_INVALID', '应为数组');
      return undefined;
    }
    if (value.length > (options.max ?? 10000)) {
      this.problem(this.at(key), 'LIST_TOO_LONG', `不超过 ${options.max ?? 10000} 项`);
      return undefined;
    }
    return value;
  }

  objects(key: string, options: { optional?: boolean; max?: number } = {}): RequestReader[] | undefined {
    return this.list(key, options)?.map((item, index) => new RequestReader(item, `${this.at(key)}[${index}]`, this.problems, this.family));
  }

  /** Raw value for fields parsed elsewhere (e.g. a whole budget-facts document). */
  any(key: string, options: { optional?: boolean } = {}): unknown {
    return this.raw(key, !options.optional);
  }

  /** The whole body, for a document parsed elsewhere with its own rules (e.g. budget-facts/1): nothing is left unread. */
  whole(): unknown {
    for (const key of Object.keys(this.record)) this.read.add(key);
    this.problems.splice(0); // a body that is no object is the parser's to refuse, in its own words
    return this.value;
  }

  /** Refuses every field that was not read; call after reading. Nested readers check their own fields. */
  private refuseUnread(): void {
    for (const key of Object.keys(this.record)) {
      if (!this.read.has(key)) this.problem(this.at(key), 'FIELD_NOT_ALLOWED', `不允许提交字段 ${key}`);
    }
  }

  /** Ends reading: throws one 400 problem listing every field problem of the body, unread fields included. */
  done(): void {
    for (const reader of this.family) reader.refuseUnread();
    if (this.problems.length > 0) {
      const first = this.problems[0];
      throw new ProblemException(400, first.code, '请求参数无效', `${first.field || '请求体'}：${first.message}`, this.problems);
    }
  }
}
