import type { PublishVersion } from '../commands/workflow-commands';
import { refuse } from '../errors';
import type { EventStamp } from '../events/event';
import type { VersionPublished } from '../events/workflow-events';
import { requireRole } from '../rules/access';
import { latestVersion, type Budget } from '../state';
import { requireOpened } from './guards';

/**
 * 公开: the latest approved version becomes the public disclosure. A published version never changes, so
 * publishing it again changes nothing; an older version superseded by an adjustment cannot be published.
 */
export const publishVersion = (command: PublishVersion, state: Budget, stamp: EventStamp): VersionPublished[] => {
  requireRole(command.actor, 'finance');
  requireOpened(state);
  const version = state.versions.find((v) => v.version === command.version);
  if (!version) return refuse('VERSION_NOT_FOUND', 'version', `预算版本 ${command.version} 不存在或尚未批复`);
  if (version.published) return [];
  if (version.version !== latestVersion(state)!.version) refuse('VERSION_SUPERSEDED', 'version');
  return [{ type: 'VersionPublished', data: { version: version.version, ...stamp } }];
};
