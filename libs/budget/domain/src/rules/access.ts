import type { Actor, Role } from '../actor';
import { refuse } from '../errors';

/**
 * Who writes what. Only the department itself edits its draft, submits it and requests adjustments
 * (an admin may also write draft content, to migrate a budget in); only the finance bureau sets control
 * numbers, returns, approves, publishes and decides adjustments; supervisors write nothing.
 */
export const requireOwnDepartment = (actor: Actor, departmentCode: string | undefined, options: { adminMayImport?: boolean } = {}): void => {
  if (actor.role === 'admin' && options.adminMayImport) return;
  if (actor.role !== 'department') refuse('FORBIDDEN_ROLE', 'actor.role', `角色“${actor.role}”不能修改或报送部门预算`);
  if (!actor.department || actor.department !== departmentCode)
    refuse('OTHER_DEPARTMENT', 'actor.department', `只能操作本部门（${actor.department ?? '未指定'}）的预算`);
};

export const requireRole = (actor: Actor, role: Role): void => {
  if (actor.role !== role) refuse('FORBIDDEN_ROLE', 'actor.role', `只有${ROLE_NAMES[role]}可以执行此操作`);
};

const ROLE_NAMES: Record<Role, string> = { department: '预算单位', finance: '财政部门', supervisor: '监督部门', admin: '系统管理员' };
