/** Who is asking: the identity a verified token carries. */
export type Role = 'department' | 'finance' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['department', 'finance', 'supervisor', 'admin'];

export interface Actor {
  userId: string;
  role: Role;
  /** Department code, for the `department` role. */
  department?: string;
}
