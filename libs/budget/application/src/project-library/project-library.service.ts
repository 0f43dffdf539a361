import { Inject, Injectable } from '@nestjs/common';
import { type LibraryCommand, type LibraryProject, decideLibraryProject, foldLibraryProject, initialLibraryProject, projectLibraryStreamId } from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { type CommandInput, EVENT_STORE, EventSourcedStreams } from '@budgetflow/platform';

/** The library projects of this process: one stream per project (`project-library-{department}-{code}`). */
@Injectable()
export class ProjectLibraryService {
  private readonly streams: EventSourcedStreams<LibraryProject>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
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

  async handle(command: LibraryCommand, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date, reason?: string) {
    const metadata = input.metadata(now, reason);
    const outcome = await this.streams.handle(projectLibraryStreamId(command.departmentCode, command.code), (state) => decideLibraryProject(command, state, { by: command.actor.userId, at: metadata.recordedAt }), {
      metadata,
      expectedVersion: input.ifMatch,
    });
    return {
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
      events: outcome.events.map((event) => event.type),
      status: outcome.after.status,
    };
  }
}
