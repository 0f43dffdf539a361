/**
 * Decider specs that read as specifications, for every bounded context:
 * `given(events).when(command).then(events)`, `.thenNothing()`, `.thenThrows(code, field?)`.
 * `given` takes the events so far, or a state already built.
 */
export interface Decider<Command, State, Event, Context, Refusal extends Error & { code: string; field?: string }> {
  decide: (command: Command, state: State, ctx: Context) => Event[];
  evolve: (state: State, event: Event) => State;
  initial: () => State;
  /** The domain's refusal: a stable `code`, the offending `field`, a Chinese message. */
  refusal: abstract new (...args: never[]) => Refusal;
}

export const deciderSpec =
  <Command, State, Event, Context, Refusal extends Error & { code: string; field?: string }>(decider: Decider<Command, State, Event, Context, Refusal>, defaultContext: Context) =>
  (history: readonly Event[] | State, ctx: Context = defaultContext) => {
    const state = Array.isArray(history) ? (history as Event[]).reduce(decider.evolve, decider.initial()) : (history as State);
    return {
      when: (command: Command) => {
        const run = () => decider.decide(command, state, ctx);
        return {
          then: (expected: Event[]): State => {
            const events = run();
            expect(events).toEqual(expected);
            return events.reduce(decider.evolve, state);
          },
          /** The events, for specs that look at them piecemeal, and the state after them. */
          thenEvents: (): { events: Event[]; state: State } => {
            const events = run();
            return { events, state: events.reduce(decider.evolve, state) };
          },
          thenNothing: () => expect(run()).toEqual([]),
          thenThrows: (code: string, field?: string): Refusal => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(decider.refusal);
            const error = caught as Refusal;
            expect(error.code).toBe(code);
            if (field !== undefined) expect(error.field).toBe(field);
            expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
            return error;
          },
        };
      },
    };
  };
