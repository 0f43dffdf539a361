import { ConcurrencyError, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent, type StreamCondition } from '@budgetflow/event-store';
import { BoundedCache } from '../caching/bounded-cache';
import { httpProblem } from '../http';

/** How a kind of stream folds: its empty state, the fold of stored events, and the version a state has seen. */
export interface StreamModel<State> {
  initial: () => State;
  /** Folds stored events (only `type` and `data` count) onto `from`; never changes `from` (it may sit in the cache). */
  fold: (events: readonly { type: string; data: unknown }[], from: State) => State;
  versionOf: (state: State) => number;
  /** Bound of the fold cache: entries (default 2,000), or the total of `weigh` over the kept states. */
  cacheWeight?: number;
  weigh?: (state: State) => number;
  /** What a conflict that retries cannot settle says (Chinese, for the 409). */
  conflictMessage?: string;
}

/** A decider's answer: the events, and the state after them when the decider already computed it. */
export type Decision<State, Event extends NewEvent> = readonly Event[] | { events: readonly Event[]; state?: State };

export interface HandleOptions<Context> {
  metadata: EventMetadata;
  /** `If-Match`: the version the caller last saw. A mismatch is 412; without it a conflict decides again. */
  expectedVersion?: number;
  /**
   * Loaded beside the stream (one round trip of waiting for both): the catalog, the approved budget, settings ….
   * `fresh` is false only on the first try of a handle with `unchanged`: the context may then come from what this
   * process has cached, because the append checks that the streams it came from have not moved.
   */
  context?: (fresh: boolean) => Promise<Context>;
  /**
   * The streams (and versions) the context came from, checked in the same append: a context answered from cache
   * is proved current by the append itself; a moved stream makes the command read everything again and decide again.
   */
  unchanged?: (context: Context) => readonly StreamCondition[];
  /** Decisions tried before a conflict becomes 409 (default 3). */
  attempts?: number;
}

/** What a command answers: where the stream stands now, so clients can send `If-Match` and wait for read models. */
export interface CommandOutcome<State, Event extends NewEvent = NewEvent> {
  streamId: string;
  /** Stream version after the command (the ETag). */
  version: number;
  /** Global position of the last event written (`?after=` for read-your-writes); absent when nothing changed. */
  position?: string;
  events: readonly Event[];
  /** The state the decision saw, and the state after its events. */
  before: State;
  after: State;
}

/**
 * The one way a command is handled, in every bounded context: load the stream (only the events this process has not
 * folded yet), decide, append with the expected version; on a concurrent writer decide again from the fresh stream
 * (unless the caller pinned a version with If-Match). Folded states are kept in a bounded cache: safe across
 * instances, because the stream says what is new and a stale state loses at append.
 */
export class EventSourcedStreams<State> {
  private readonly folded: BoundedCache<State>;

  constructor(
    private readonly store: EventStore,
    private readonly model: StreamModel<State>,
  ) {
    this.folded = new BoundedCache(model.cacheWeight ?? 2_000, model.weigh);
  }

  /** The stream's state as it stands, reading only the events after the last state this process folded. */
  async state(streamId: string): Promise<State> {
    const kept = this.folded.get(streamId);
    const known = kept ?? this.model.initial();
    const newer = await this.store.readStream(streamId, { fromVersion: this.model.versionOf(known) + 1 });
    // An empty stream is kept too: `cached` then knows it stood empty (a settings stream nobody changed yet).
    return newer.length === 0 ? (kept ?? this.folded.set(streamId, known)) : this.folded.set(streamId, this.model.fold(newer, known));
  }

  /**
   * The state a command's context starts from: unless `fresh`, the one this process last folded, without asking the
   * store (it may be behind: the command's append names its version in `unchanged`); otherwise the stream as it stands.
   */
  async forCommand(streamId: string, fresh: boolean): Promise<State> {
    return (fresh ? undefined : this.folded.get(streamId)) ?? this.state(streamId);
  }

  /** The whole stream and its state (history and diffs need the events). */
  async load(streamId: string): Promise<{ state: State; events: RecordedEvent[] }> {
    const events = await this.store.readStream(streamId);
    return { state: this.model.fold(events, this.model.initial()), events };
  }

  async handle<Event extends NewEvent, Context = undefined>(
    streamId: string,
    decide: (state: State, context: Context) => Decision<State, Event>,
    options: HandleOptions<Context>,
  ): Promise<CommandOutcome<State, Event>> {
    const attempts = options.expectedVersion === undefined ? (options.attempts ?? 3) : 1;
    const loadContext = (fresh: boolean) => (options.context ? options.context(fresh) : Promise.resolve(undefined as Context));
    // First from the state (and context) this process already folded, without reading: when the append succeeds,
    // its expected version (and its conditions on the context's streams) prove they were current. A refusal, a
    // "nothing to do" or a conflict decided on them is never answered before the same decision on what is stored.
    const cached = this.folded.get(streamId);
    const contextFromCache = options.unchanged !== undefined;
    let fresh = cached === undefined && !contextFromCache;
    let [state, context] = await Promise.all([cached === undefined ? this.state(streamId) : Promise.resolve(cached), loadContext(!contextFromCache)]);
    const readAgain = async (): Promise<void> => {
      [state, context] = await Promise.all([this.state(streamId), loadContext(true)]);
      fresh = true;
    };
    for (let attempt = 1; ; ) {
      const version = this.model.versionOf(state);
      let events: readonly Event[];
      let decided: State | undefined;
      try {
        if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
          throw httpProblem('PRECONDITION_FAILED', `当前版本为 ${version}，请求基于版本 ${options.expectedVersion}`);
        }
        const decision = decide(state, context);
        events = 'events' in decision ? decision.events : (decision as readonly Event[]);
        decided = 'events' in decision ? decision.state : undefined;
      } catch (error) {
        if (fresh) throw error;
        await readAgain();
        continue;
      }
      if (events.length === 0) {
        if (fresh) return { streamId, version, events, before: state, after: state };
        await readAgain();
        continue;
      }
      try {
        const unchanged = options.unchanged?.(context);
        const result = await this.store.append(streamId, events, version === 0 ? 'no-stream' : version, options.metadata, unchanged?.length ? { unchanged } : undefined);
        // The decided state is the stream through exactly these events: the next command starts from it.
        const after = decided ?? this.model.fold(events, state);
        if (this.model.versionOf(after) === result.nextExpectedVersion) this.folded.set(streamId, after);
        return { streamId, version: result.nextExpectedVersion, position: result.globalPosition.toString(), events, before: state, after };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // A state this process had not read again may simply be behind: that is no conflict of the caller's.
        if (fresh && ++attempt > attempts) throw httpProblem('CONCURRENT_MODIFICATION', this.model.conflictMessage ?? '数据已被他人同时修改，请刷新后重试');
        await readAgain();
      }
    }
  }
}
