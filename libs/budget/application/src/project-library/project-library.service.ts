import { Inject, Injectable } from '@nestjs/common';
import { type LibraryCommand, type LibraryProject, decideLibraryProject, foldLibraryProject, initialLibraryProject, projectLibraryStreamId } from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { type CommandInput, EVENT_STORE, EventSourcedStreams, httpProblem } from '@budgetflow/platform';
import { BudgetSettingsService } from '../budget-settings/budget-settings.service';

/** The library projects of this process: one stream per project (`project-library-{department}-{code}`). */
@Injectable()
export class ProjectLibraryService {
  private readonly streams: EventSourcedStreams<LibraryProject>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly settings: BudgetSettingsService,
  ) {
    this.streams = new EventSourcedStreams<LibraryProject>(store, {
      initial: initialLibraryProject,
      fold: foldLibraryProject,
      versionOf: (state) => state.version,
      conflictMessage: '项目库项目已被他人同时修改，请刷新后重试',
    });
  }

  state(department: string, code: string): Promise<LibraryProject> {
    return this.streams.state(projectLibraryStreamId(department, code));
  }

  load(department: string, code: string) {
    return this.streams.load(projectLibraryStreamId(department, code));
  }

  /** The library review steps configured for a project starting in `startYear` (the budget settings of that year; none by default). */
  async reviewStepsFor(startYear: number | undefined): Promise<string[]> {
    return startYear === undefined ? [] : ((await this.settings.current(startYear)).settings.libraryReviewSteps ?? []);
  }

  async handle(command: LibraryCommand, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date, reason?: string) {
    const metadata = input.metadata(now, reason);
    const streamId = projectLibraryStreamId(command.departmentCode, command.code);
    const outcome = await this.streams.handle(
      streamId,
      (state, steps) => {
        // The steps are those of the start year read with the state; a proposal moving the project to another year meanwhile is a conflict.
        if (steps.startYear !== state.project?.startYear) throw httpProblem('CONCURRENT_MODIFICATION', '项目库项目已被他人同时修改，请刷新后重试');
        return decideLibraryProject(command, state, { by: command.actor.userId, at: metadata.recordedAt }, steps.reviewSteps);
      },
      {
        metadata,
        expectedVersion: input.ifMatch,
        context: async () => {
          const startYear = (await this.streams.state(streamId)).project?.startYear;
          return { startYear, reviewSteps: await this.reviewStepsFor(startYear) };
        },
      },
    );
    return {
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
      events: outcome.events.map((event) => event.type),
      status: outcome.after.status,
    };
  }
}
