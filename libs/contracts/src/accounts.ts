import { type Static, Type } from '@sinclair/typebox';
import { RoleSchema } from './roles';
import { Text } from './schema';

/** 本地账户 — a local account as `GET /v1/users` and `POST /v1/auth/login` answer it. */
export const Account = Type.Object({
  login: Type.String({ examples: ['zhang501'] }),
  displayName: Type.String({ examples: ['张会计'] }),
  role: RoleSchema,
  /** Department code, for clerks (`department` role) only. */
  department: Type.Optional(Type.String()),
  disabled: Type.Boolean(),
  /** Signed in with a one-time password and must choose their own before anything else. */
  mustChangePassword: Type.Boolean({ description: '以一次性密码登录，须先修改密码' }),
  createdAt: Type.String(),
  createdBy: Type.String(),
  lastSignInAt: Type.Optional(Type.String()),
});
export type Account = Static<typeof Account>;

export const AccountList = Type.Object({ users: Type.Array(Account) }, { title: 'AccountList', description: '本地账户列表' });
export const AccountAnswer = Type.Object({ user: Account }, { title: 'AccountAnswer', description: '账户' });
export const AccountWithOneTimePassword = Type.Object(
  { user: Account, oneTimePassword: Type.String({ description: '一次性密码：只显示这一次，用户首次登录后须修改' }) },
  { title: 'AccountWithOneTimePassword', description: '账户与一次性密码' },
);

/** `POST /v1/users` */
export const NewAccountRequest = Type.Object(
  {
    login: Text(100, { minLength: 1, description: '登录名' }),
    displayName: Text(100, { minLength: 1, description: '姓名' }),
    role: Text(100, { minLength: 1, description: 'department | finance | supervisor | admin' }),
    department: Type.Optional(Text(100, { description: '部门编码（部门经办人必填）' })),
  },
  { title: 'NewAccountRequest', description: '新建用户（管理员）', additionalProperties: false, examples: [{ login: 'zhang501', displayName: '张会计', role: 'department', department: '501' }] },
);

/** `POST /v1/auth/login` */
export const SignInRequest = Type.Object(
  { login: Text(200, { minLength: 1, description: '登录名' }), password: Text(200, { minLength: 1, description: '密码' }) },
  { title: 'SignInRequest', description: '账户密码登录', additionalProperties: false, examples: [{ login: 'admin', password: '••••••••••' }] },
);
export const SignedIn = Type.Object(
  { user: Account, csrfToken: Type.String({ description: '以 Cookie 发出写请求时放在 X-CSRF-Token' }) },
  { title: 'SignedIn', description: '已登录：会话 Cookie 已设置（HttpOnly），答复用户与 CSRF 令牌' },
);

/** `POST /v1/auth/password` */
export const PasswordChangeRequest = Type.Object(
  { currentPassword: Text(200, { minLength: 1 }), newPassword: Text(200, { minLength: 1, description: '至少 10 个字符，不含登录名' }) },
  { title: 'PasswordChangeRequest', description: '修改自己的密码', additionalProperties: false },
);

/** `GET /v1/auth/me` */
export const WhoAmI = Type.Object(
  {
    user: Type.Object({
      login: Type.String(),
      role: RoleSchema,
      department: Type.Optional(Type.String()),
      displayName: Type.Optional(Type.String()),
      mustChangePassword: Type.Optional(Type.Boolean()),
    }),
    via: Type.Union([Type.Literal('token'), Type.Literal('session')], { description: 'token 令牌 | session 会话 Cookie' }),
    csrfToken: Type.Optional(Type.String({ description: '以会话登录时的 CSRF 令牌' })),
  },
  { title: 'WhoAmI', description: '当前用户' },
);

/** `GET /v1/auth/methods` */
export const SignInMethods = Type.Object(
  { password: Type.Boolean({ description: '账户密码登录' }), demo: Type.Boolean({ description: '演示用户（DEMO=1）' }), oidc: Type.Optional(Type.Boolean({ description: '统一身份认证' })) },
  { title: 'SignInMethods', description: '可用的登录方式' },
);
