import type { PublishVersion } from '../commands/workflow-commands';
import { refuse } from '../errors';
import type { VersionPublished } from '../events/workflow-events';
import { requireRole } from '../rules/access';
import { latestVersion } from '../state';
import { requireOpened } from './guards';
import type { BudgetDecider } from './decider';

/**
 * 公开: the latest approved version becomes the public disclosure. A published version never changes, so
 * publishing it again changes nothing; an older version superseded by an adjustment cannot be published.
 */
export const publishVersion: BudgetDecider<PublishVersion, VersionPublished> = (command, state, _ctx, stamp) => {
  requireRole(command.actor, 'finance');
  requireOpened(state);
  const version = state.versions.find((v) => v.version === command.version);
  if (!version) return refuse('VERSION_NOT_FOUND', 'version', `预算版本 ${command.version} 不存在或尚未批复`);
  if (version.published) return [];
  if (version.version !== latestVersion(state)!.version) refuse('VERSION_SUPERSEDED', 'version');
  return [{ type: 'VersionPublished', data: { version: version.version, ...stamp } }];
};
