/** Who signs in: 部门经办人, 财政, 监督 (supervisors, auditors), 管理员. */
export const ROLES = ['department', 'finance', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller a token names, as the sign-in routes answer it. */
export interface ActorView {
  userId: string;
  role: Role;
  /** Only for the department role: the one department it works for. */
  department?: string;
}
