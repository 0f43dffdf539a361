import { type Static, Type } from '@sinclair/typebox';
import { ActorView, RoleSchema } from './roles';
import { Text } from './schema';

/** `GET /v1/audit` */
export const AuditEntry = Type.Object({
  source: Type.Union([Type.Literal('event'), Type.Literal('security')], { description: 'event 写入事件 | security 登录失败、越权等安全事件' }),
  at: Type.String(),
  type: Type.String({ examples: ['DraftApproved', 'LOGIN_FAILED'] }),
  userId: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  department: Type.Optional(Type.String()),
  clientAddress: Type.Optional(Type.String()),
  correlationId: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  streamId: Type.Optional(Type.String()),
  streamVersion: Type.Optional(Type.Integer()),
  status: Type.Optional(Type.Integer()),
  method: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditAnswer = Type.Object({ limit: Type.Integer(), entries: Type.Array(AuditEntry) }, { title: 'AuditAnswer', description: '审计记录，最新在前' });
export type AuditAnswer = Static<typeof AuditAnswer>;

/** `GET /health` */
export const HealthAnswer = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    checks: Type.Array(Type.Object({ name: Type.String(), ok: Type.Boolean(), detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
  },
  { title: 'HealthAnswer', description: '就绪检查：200 ok，503 unavailable（同一结构）' },
);

/** `GET /v1/dev/demo-users`, `POST /v1/dev/demo-token` (DEMO=1 only) */
export const DemoUsers = Type.Object(
  { users: Type.Array(Type.Object({ role: RoleSchema, department: Type.Optional(Type.String()), label: Type.String() })) },
  { title: 'DemoUsers', description: '演示用户（每个角色一个，无管理员）' },
);
export const DemoTokenRequest = Type.Object(
  { role: Text(20, { minLength: 1, description: 'department | finance | supervisor' }), department: Type.Optional(Text(32, { description: '部门编码（部门用户必填）' })) },
  { title: 'DemoTokenRequest', description: '演示登录', additionalProperties: false, examples: [{ role: 'department', department: '501' }] },
);
export const DemoToken = Type.Object(
  { token: Type.String({ description: '本地签发的令牌（Authorization: Bearer）' }), actor: ActorView, expiresIn: Type.Integer({ description: '有效秒数' }) },
  { title: 'DemoToken', description: '演示令牌' },
);
