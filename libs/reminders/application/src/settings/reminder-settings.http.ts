import { Body, Delete, Get, HttpCode, Inject, Param, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@budgetflow/event-store';
import { ContactList, ContactRequest, ContactView, ReminderSettings as ReminderSettingsSchema, ReminderSettingsRequest, WebhookDeadLetters, WebhookList, WebhookRequest, WebhookView } from '@budgetflow/contracts';
import { Answers, AnswersNothing, ApiController, BodySchema, PathParam, Refuses, type Actor, type CommandInput, CurrentActor, Input, ProblemException, httpProblem, type Clock, CLOCK, RequestReader, SQL_CLIENT } from '@budgetflow/platform';
import { type Audience, departmentAudience } from '@budgetflow/reminders-domain';
import { ReminderPlanner } from '../planning/reminder-planner';
import { REMINDERS_OPTIONS } from '../tokens';
import type { RemindersOptions } from '../reminders-options';
import { type WebhookAllowList, checkWebhookUrl, parseWebhookAllowList } from '../delivery/webhook-target';
import { mayManage } from './audience-access';
import { ReminderSettingsStore, type ReminderSettings } from './reminder-settings';

const EMAIL = /^[^\s@<>()",;]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$/;
const DEPARTMENT = /^[A-Za-z0-9_-]{1,32}$/;

/** `{"audience":"department","department":"501"}` / `{"audience":"finance"}` / `{"audience":"supervisor"}`. */
const readAudience = (reader: RequestReader): Audience | undefined => {
  const kind = reader.text('audience', { max: 20 });
  const department = reader.optionalText('department', 32);
  if (kind === 'department') {
    if (!department || !DEPARTMENT.test(department)) {
      reader.problem('department', department ? 'FIELD_TYPE_INVALID' : 'FIELD_REQUIRED', '部门受众须提供部门编码');
      return undefined;
    }
    return departmentAudience(department);
  }
  if (kind === 'finance' || kind === 'supervisor') {
    if (department !== undefined) reader.problem('department', 'FIELD_NOT_ALLOWED', '财政、监督受众不带部门编码');
    return kind;
  }
  if (kind) reader.problem('audience', 'FIELD_TYPE_INVALID', 'audience 应为 department、finance 或 supervisor');
  return undefined;
};

const requireManager = (actor: Actor, audience: Audience) => {
  if (!mayManage(actor, audience)) throw httpProblem('FORBIDDEN', '只能管理本部门（或本角色）的提醒接收人');
};

/** `DELETE …/{id}` of a recipient (a contact, a webhook): 204, or 404 for one the caller does not see. */
const RemoveRoute = (path: string, summary: string, idName: string) =>
  applyDecorators(Refuses(401, 403, 404), AnswersNothing('已删除'), PathParam('id', idName, 'c0ffee00-0000-4000-8000-000000000000'), ApiOperation({ summary }), HttpCode(204), Delete(path));

const conflict = (code: string, title: string, field: string, message: string) => new ProblemException(409, code, title, message, [{ field, code, message }]);

const audienceView = (audience: string) =>
  audience.startsWith('department:') ? { audience: 'department', department: audience.slice('department:'.length) } : { audience };

/** 提醒设置、联系人与 Webhook — managed by finance and admins; departments manage their own recipients. */
@ApiController('reminders', 'v1')
export class ReminderSettingsController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    private readonly settings: ReminderSettingsStore,
    private readonly planner: ReminderPlanner,
  ) {
    this.allowList = parseWebhookAllowList(options.webhookAllowedHosts);
  }

  private readonly allowList: WebhookAllowList;

  @Get('reminder-settings')
  @ApiOperation({ summary: '提醒设置（提前天数、渠道）' })
  @Answers(ReminderSettingsSchema)
  @Refuses(401, { 403: ['FORBIDDEN'] })
  async readSettings(@CurrentActor() actor: Actor) {
    if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户不能查看全局提醒设置');
    return this.settings.current();
  }

  @Put('reminder-settings')
  @ApiOperation({ summary: '修改提醒设置（财政、管理员）；待发提醒按新的提前天数重排' })
  @BodySchema(ReminderSettingsRequest)
  @Answers(ReminderSettingsSchema)
  @Refuses(400, 401, { 403: ['FORBIDDEN'] }, 409, 412)
  async writeSettings(@Input() input: CommandInput) {
    if (input.actor.role !== 'finance' && input.actor.role !== 'admin') throw httpProblem('FORBIDDEN', '只有财政或管理员可以修改提醒设置');
    const reader = input.body;
    const leadDays = reader.list('leadDays', { max: 5 }) ?? [];
    leadDays.forEach((lead, i) => {
      if (typeof lead !== 'number' || !Number.isInteger(lead) || lead < 1 || lead > 60) reader.problem(`leadDays[${i}]`, 'FIELD_TYPE_INVALID', '提前天数应为 1–60 的整数');
    });
    if (new Set(leadDays).size !== leadDays.length) reader.problem('leadDays', 'FIELD_TYPE_INVALID', '提前天数不能重复');
    const confirmOnPlan = reader.any('confirmOnPlan', { optional: true });
    if (confirmOnPlan !== undefined && typeof confirmOnPlan !== 'boolean') reader.problem('confirmOnPlan', 'FIELD_TYPE_INVALID', '应为 true 或 false');
    const channels = reader.object('channels', { optional: true });
    const channel = (name: 'inbox' | 'email' | 'webhook'): boolean => {
      const value = channels?.any(name, { optional: true });
      if (value !== undefined && typeof value !== 'boolean') channels?.problem(`channels.${name}`, 'FIELD_TYPE_INVALID', '应为 true 或 false');
      return value === undefined ? true : value === true;
    };
    const next: ReminderSettings = {
      leadDays: (leadDays as number[]).slice().sort((a, b) => b - a),
      confirmOnPlan: confirmOnPlan === true,
      channels: { inbox: channel('inbox'), email: channel('email'), webhook: channel('webhook') },
    };
    reader.done();
    const { version } = await this.settings.change(next, input);
    if (this.options.runWorker) await this.planner.reconcile();
    return input.answer({ ...(await this.settings.current()), version });
  }

  @Get('notification-contacts')
  @ApiOperation({ summary: '邮件联系人（财政、管理员看全部；部门看本部门）' })
  @Answers(ContactList)
  @Refuses(401, 403)
  async contacts(@CurrentActor() actor: Actor) {
    const rows = (await this.sql.query<{ id: string; audience: string; name: string; email: string }>('SELECT id, audience, name, email FROM notification_contacts ORDER BY audience, email')).rows;
    return { contacts: rows.filter((row) => mayManage(actor, row.audience as Audience)).map((row) => ({ id: row.id, ...audienceView(row.audience), name: row.name, email: row.email })) };
  }

  @Post('notification-contacts')
  @ApiOperation({ summary: '添加邮件联系人' })
  @BodySchema(ContactRequest)
  @Answers(ContactView, { status: 201 })
  @Refuses(400, 401, { 403: ['FORBIDDEN'], 409: ['CONTACT_EXISTS'] })
  async addContact(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const reader = RequestReader.of(body);
    const audience = readAudience(reader);
    const name = reader.text('name', { max: 100 });
    const email = reader.text('email', { max: 254 }).trim();
    if (email && !EMAIL.test(email)) reader.problem('email', 'FIELD_TYPE_INVALID', '邮箱地址格式不正确');
    reader.done();
    requireManager(actor, audience!);
    const id = randomUUID();
    const inserted = await this.sql.query(
      'INSERT INTO notification_contacts (id, audience, name, email, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (audience, email) DO NOTHING RETURNING id',
      [id, audience, name, email, actor.userId, this.clock()],
    );
    if (inserted.rows.length === 0) throw conflict('CONTACT_EXISTS', '联系人已存在', 'email', '该受众已有此邮箱联系人');
    return { id, ...audienceView(audience!), name, email };
  }

  @RemoveRoute('notification-contacts/:id', '删除邮件联系人', '联系人编号')
  removeContact(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.remove('notification_contacts', id, actor, '联系人不存在');
  }

  @Get('webhooks')
  @ApiOperation({ summary: 'Webhook 订阅（不返回密钥）' })
  @Answers(WebhookList)
  @Refuses(401, 403)
  async webhooks(@CurrentActor() actor: Actor) {
    const rows = (await this.sql.query<{ id: string; audience: string; url: string }>('SELECT id, audience, url FROM webhook_endpoints ORDER BY audience, url')).rows;
    return { webhooks: rows.filter((row) => mayManage(actor, row.audience as Audience)).map((row) => ({ id: row.id, ...audienceView(row.audience), url: row.url })) };
  }

  @Post('webhooks')
  @ApiOperation({ summary: '添加 Webhook：JSON，HMAC-SHA256 签名（X-Budgetflow-Signature），带 Idempotency-Key' })
  @BodySchema(WebhookRequest)
  @Answers(WebhookView, { status: 201 })
  @Refuses({ 400: ['WEBHOOK_URL_INVALID', 'WEBHOOK_URL_CREDENTIALS', 'WEBHOOK_HOST_NOT_ALLOWED'] }, 401, { 403: ['FORBIDDEN'], 409: ['WEBHOOK_EXISTS', 'WEBHOOK_LIMIT_REACHED'] })
  async addWebhook(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const reader = RequestReader.of(body);
    const audience = readAudience(reader);
    const url = reader.text('url', { max: 2000 }).trim();
    const secret = reader.text('secret', { max: 200 });
    // SSRF guard: no loopback, private, link-local or reserved targets, no credentials in the URL.
    const refusal = url ? checkWebhookUrl(url, this.allowList) : undefined;
    if (refusal?.code === 'WEBHOOK_URL_INVALID') reader.problem('url', 'FIELD_TYPE_INVALID', refusal.message);
    if (secret && secret.length < 16) reader.problem('secret', 'FIELD_TYPE_INVALID', '签名密钥至少 16 个字符');
    reader.done();
    if (refusal) throw new ProblemException(400, refusal.code, 'Webhook 地址不允许', refusal.message, [{ field: 'url', code: refusal.code, message: refusal.message }]);
    requireManager(actor, audience!);
    const id = randomUUID();
    const exists = await this.sql.query('SELECT 1 FROM webhook_endpoints WHERE audience = $1 AND url = $2', [audience, url]);
    if (exists.rows.length > 0) throw conflict('WEBHOOK_EXISTS', 'Webhook 已存在', 'url', '该受众已订阅此地址');
    const limit = this.options.webhooksPerAudience;
    // The count and the insert in one statement: two concurrent registrations cannot both pass the limit check.
    const inserted = await this.sql.query(
      `INSERT INTO webhook_endpoints (id, audience, url, secret, created_by, created_at)
       SELECT $1, $2, $3, $4, $5, $6 WHERE (SELECT count(*) FROM webhook_endpoints WHERE audience = $2) < $7
       ON CONFLICT (audience, url) DO NOTHING RETURNING id`,
      [id, audience, url, secret, actor.userId, this.clock(), limit],
    );
    if (inserted.rows.length === 0) {
      const again = await this.sql.query('SELECT 1 FROM webhook_endpoints WHERE audience = $1 AND url = $2', [audience, url]);
      if (again.rows.length > 0) throw conflict('WEBHOOK_EXISTS', 'Webhook 已存在', 'url', '该受众已订阅此地址');
      throw conflict('WEBHOOK_LIMIT_REACHED', 'Webhook 数量已达上限', 'audience', `每个受众最多 ${limit} 个 Webhook，请先删除不用的订阅`);
    }
    return { id, ...audienceView(audience!), url };
  }

  @RemoveRoute('webhooks/:id', '删除 Webhook 订阅', 'Webhook 编号')
  removeWebhook(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.remove('webhook_endpoints', id, actor, 'Webhook 不存在');
  }

  /** Deletes a recipient the caller may manage; one it may not manage is as absent as one that is not there (404). */
  private async remove(table: 'notification_contacts' | 'webhook_endpoints', id: string, actor: Actor, absent: string): Promise<void> {
    const row = (await this.sql.query<{ audience: string }>(`SELECT audience FROM ${table} WHERE id = $1`, [id])).rows[0];
    if (!row || !mayManage(actor, row.audience as Audience)) throw httpProblem('NOT_FOUND', absent);
    await this.sql.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  @Get('webhook-dead-letters')
  @ApiOperation({ summary: '投递失败（死信）的 Webhook（管理员）' })
  @Answers(WebhookDeadLetters)
  @Refuses(401, { 403: ['FORBIDDEN'] })
  async deadLetters(@CurrentActor() actor: Actor) {
    if (actor.role !== 'admin') throw httpProblem('FORBIDDEN', '只有管理员可以查看死信');
    const rows = (
      await this.sql.query<{ reminder_key: string; recipient: string; attempts: number; last_error: string | null; idempotency_key: string; updated_at: Date; url: string | null }>(
        `SELECT d.reminder_key, d.recipient, d.attempts, d.last_error, d.idempotency_key, d.updated_at, w.url
           FROM reminder_deliveries d LEFT JOIN webhook_endpoints w ON w.id = d.recipient
          WHERE d.channel = 'webhook' AND d.status = 'dead' ORDER BY d.updated_at DESC LIMIT 1000`,
      )
    ).rows;
    return {
      deadLetters: rows.map((row) => ({
        reminderKey: row.reminder_key,
        webhookId: row.recipient,
        url: row.url,
        attempts: row.attempts,
        lastError: row.last_error,
        idempotencyKey: row.idempotency_key,
        deadAt: row.updated_at.toISOString(),
      })),
    };
  }
}
