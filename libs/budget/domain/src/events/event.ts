/** An event as stored: a past-tense `type` and JSON `data` (money as decimal strings in 元). */
export interface DomainEvent<Type extends string, Data extends object> {
  type: Type;
  data: Data & EventStamp;
}

/** Who caused the event and when (ISO 8601, from `ctx.now`). */
export interface EventStamp {
  by: string;
  at: string;
}
