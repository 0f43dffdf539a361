import { type Static, Type } from '@sinclair/typebox';

/** Who signs in: 部门经办人, 财政, 监督 (supervisors, auditors), 管理员. */
export const ROLES = ['department', 'finance', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Union([Type.Literal('department'), Type.Literal('finance'), Type.Literal('supervisor'), Type.Literal('admin')], {
  description: '角色：department 部门经办人、finance 财政、supervisor 监督、admin 管理员',
});

/** The caller a token names, as the sign-in routes answer it. */
export const ActorView = Type.Object({
  userId: Type.String(),
  role: RoleSchema,
  /** Only for the department role: the one department it works for. */
  department: Type.Optional(Type.String()),
});
export type ActorView = Static<typeof ActorView>;
