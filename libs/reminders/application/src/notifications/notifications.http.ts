import { Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Inbox } from '@budgetflow/contracts';
import type { SqlClient } from '@budgetflow/event-store';
import { Answers, AnswersNothing, ApiController, BodyNone, PathParam, QueryParam, Refuses, type Actor, CurrentActor, httpProblem, type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';
import { audiencesOf } from '../settings/audience-access';

interface NotificationRow {
  id: bigint;
  reminder_key: string;
  audience: string;
  kind: string;
  title: string;
  body: string;
  figures: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** 站内消息: the caller's reminders, warnings and digests; each user marks them read for themselves. */
@ApiController('reminders', 'v1/notifications')
export class NotificationsController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '我的站内消息（部门：本部门；财政、监督：节点汇总）' })
  @QueryParam('unread', 'true: 只看未读', { enum: ['true', 'false'] })
  @QueryParam('limit', '至多几条（1–1000，默认 200）', { example: 50 })
  @Answers(Inbox)
  @Refuses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query('unread') unread: string | undefined, @Query('limit') limit: string | undefined): Promise<Inbox> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw httpProblem('VALIDATION_FAILED', 'unread 应为 true 或 false', [{ field: 'unread', code: 'FIELD_TYPE_INVALID', message: '应为 true 或 false' }]);
    if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000))
      throw httpProblem('VALIDATION_FAILED', 'limit 应为 1–1000 的整数', [{ field: 'limit', code: 'FIELD_TYPE_INVALID', message: '应为 1–1000 的整数' }]);
    const audiences = audiencesOf(actor);
    const rows = (
      await this.sql.query<NotificationRow>(
        `SELECT n.*, r.read_at FROM notifications n
           LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $2
          WHERE n.audience = ANY($1::text[]) ${unread === 'true' ? 'AND r.read_at IS NULL' : ''}
          ORDER BY n.id DESC LIMIT $3`,
        [audiences, actor.userId, Number(limit ?? 200)],
      )
    ).rows;
    return {
      notifications: rows.map((row) => ({
        id: row.id.toString(),
        reminderKey: row.reminder_key,
        kind: row.kind,
        title: row.title,
        body: row.body,
        figures: row.figures,
        createdAt: row.created_at.toISOString(),
        read: row.read_at !== null,
      })),
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: '标记为已读' })
  @PathParam('id', '消息编号', '42')
  @BodyNone()
  @AnswersNothing('已标记')
  @Refuses(400, 401, 403, 404)
  async markRead(@Param('id') id: string, @CurrentActor() actor: Actor) {
    if (!/^\d{1,18}$/.test(id)) throw httpProblem('NOT_FOUND', '消息不存在');
    const found = await this.sql.query('SELECT 1 FROM notifications WHERE id = $1 AND audience = ANY($2::text[])', [id, audiencesOf(actor)]);
    if (found.rows.length === 0) throw httpProblem('NOT_FOUND', '消息不存在');
    await this.sql.query('INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, actor.userId, this.clock()]);
  }
}
