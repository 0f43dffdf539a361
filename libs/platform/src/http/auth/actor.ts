/** Who is asking: the identity a verified token carries. */
import type { Role } from '@budgetflow/contracts';

/** The roles are the API's: the console signs in as one of them, so they live with the contracts. */
export { ROLES, type Role } from '@budgetflow/contracts';

export interface Actor {
  userId: string;
  role: Role;
  /** Department code, for the `department` role. */
  department?: string;
}
