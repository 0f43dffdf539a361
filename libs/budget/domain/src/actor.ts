/** Who issues a command. `department` is the department code a department user belongs to. */
export type Role = 'department' | 'finance' | 'supervisor' | 'admin';

export interface Actor {
  userId: string;
  role: Role;
  /** Department code (e.g. `501`) of a department user. */
  department?: string;
}
