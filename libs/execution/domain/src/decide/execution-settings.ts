import type { ChangeExecutionSettings } from '../commands/execution-commands';
import { type ExecutionFieldProblem, ExecutionError, problem, refuse } from '../errors';
import type { ExecutionSettings, ExecutionSettingsChanged, OverspendMode } from '../events/execution-events';

/** 执行监控参数 — finance alone changes them; the same settings again are nothing new. */
export const decideSettings = (command: ChangeExecutionSettings, current: ExecutionSettings): ExecutionSettingsChanged[] => {
  if (command.actor.role !== 'finance') refuse('SETTINGS_FORBIDDEN_ROLE');
  const problems: ExecutionFieldProblem[] = [];
  if (command.overspendMode !== 'block' && command.overspendMode !== 'warn') problems.push(problem('OVERSPEND_MODE_UNKNOWN', 'overspendMode'));
  const { yellowGapPoints: yellow, redGapPoints: red } = command;
  if (!(Number.isFinite(yellow) && Number.isFinite(red) && yellow > 0 && yellow < red && red <= 100)) {
    problems.push(problem('THRESHOLDS_INVALID', Number.isFinite(yellow) && yellow > 0 && yellow < 100 ? 'redGapPoints' : 'yellowGapPoints'));
  }
  if (problems.length > 0) throw new ExecutionError(problems);
  const next: ExecutionSettings = { overspendMode: command.overspendMode as OverspendMode, yellowGapPoints: yellow, redGapPoints: red };
  const unchanged = next.overspendMode === current.overspendMode && next.yellowGapPoints === current.yellowGapPoints && next.redGapPoints === current.redGapPoints;
  return unchanged ? [] : [{ type: 'ExecutionSettingsChanged', data: next }];
};
