import type { Actor } from '@budgetflow/platform';
import { type Audience, departmentAudience } from '@budgetflow/reminders-domain';

/** The audiences whose notices an actor reads: a department its own; finance and supervisors their role's. */
export const audiencesOf = (actor: Actor): Audience[] => {
  switch (actor.role) {
    case 'department':
      return actor.department ? [departmentAudience(actor.department)] : [];
    case 'finance':
      return ['finance'];
    case 'supervisor':
      return ['supervisor'];
    case 'admin':
      return [];
  }
};

/** Who may manage contacts and webhooks of an audience: finance and admins all; the others their own. */
export const mayManage = (actor: Actor, audience: Audience): boolean =>
  actor.role === 'admin' || actor.role === 'finance' || audiencesOf(actor).includes(audience);
