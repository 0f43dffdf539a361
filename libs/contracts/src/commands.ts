/** What every budget command answers: where the stream stands now, for `If-Match` and read-your-writes. */
export interface BudgetCommandAnswer {
  streamId: string;
  /** Stream version after the command (the ETag, for `If-Match`). */
  version: number;
  /** Global position of the last event written (`?after=`); absent when the command changed nothing. */
  position?: string;
  events: string[];
  /** The latest approved version number (the `{n}` of `…/versions/{n}`), once there is one. */
  approvedVersion?: number;
}

/** A command that creates something answers its id under `key` and the path where it now lives (201). */
export type CreatedAnswer<K extends string, T extends { version: number } = BudgetCommandAnswer> = T & Record<K, string> & { location: string };

/** `POST …/basic-lines` */
export type BasicLineCreated = CreatedAnswer<'lineId'>;
/** `POST …/projects` */
export type ProjectCreated = CreatedAnswer<'projectCode'>;
/** `POST …/adjustments` */
export type AdjustmentRequested = CreatedAnswer<'adjustmentId'>;
