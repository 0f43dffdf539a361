import type { BasicExpenditureLine } from './budget-content';

/** Lookups into a content's basic lines by id and by table key (functional 项, economic 款, fund source). */
export interface BasicLineIndex {
  byId: ReadonlyMap<string, BasicExpenditureLine>;
  /** Line id per table key. */
  byKey: ReadonlyMap<string, string>;
}

interface MutableIndex {
  byId: Map<string, BasicExpenditureLine>;
  byKey: Map<string, string>;
}

/** A unit may hold the same (项, 款, fund source) as another, and carry-over money beside this year's. */
export const basicLineKey = (
  line: Pick<BasicExpenditureLine, 'functionalCode' | 'economicCode' | 'fundSource' | 'fromCarryOver' | 'unit'>,
): string =>
  `${line.functionalCode}\u0000${line.economicCode}\u0000${line.fundSource}\u0000${line.fromCarryOver === true ? 'carry' : ''}\u0000${line.unit ?? ''}`;

/**
 * A memo per lines array (content is immutable, so an array's index never goes stale). Without it, deciding an
 * import of n lines scans the lines n times: quadratic, about a second for 10,000 lines.
 */
const indexes = new WeakMap<readonly BasicExpenditureLine[], MutableIndex>();

const add = (index: MutableIndex, line: BasicExpenditureLine): void => {
  index.byId.set(line.lineId, line);
  const key = basicLineKey(line);
  if (!index.byKey.has(key)) index.byKey.set(key, line.lineId);
};

export const basicLineIndex = (lines: readonly BasicExpenditureLine[]): BasicLineIndex => {
  let index = indexes.get(lines);
  if (!index) {
    index = { byId: new Map(), byKey: new Map() };
    for (const line of lines) add(index, line);
    indexes.set(lines, index);
  }
  return index;
};

/**
 * `[...lines, line]`, handing the old array's index (if it has one) over to the new array with the line added:
 * folding n proposals stays linear. The old array loses its memo and rebuilds it if it is ever asked again.
 */
export const appendBasicLine = (lines: readonly BasicExpenditureLine[], line: BasicExpenditureLine): BasicExpenditureLine[] => {
  const next = [...lines, line];
  const index = indexes.get(lines);
  if (index && !index.byId.has(line.lineId)) {
    indexes.delete(lines);
    add(index, line);
    indexes.set(next, index);
  }
  return next;
};

/**
 * `[...lines, ...added]` in one copy, with the index handed over as `appendBasicLine` does line by line (same
 * result as appending them one at a time, without copying the array once per line).
 */
export const appendBasicLines = (lines: readonly BasicExpenditureLine[], added: readonly BasicExpenditureLine[]): BasicExpenditureLine[] => {
  const next = lines.concat(added);
  const index = indexes.get(lines);
  const ids = new Set(added.map((line) => line.lineId));
  if (index && ids.size === added.length && added.every((line) => !index.byId.has(line.lineId))) {
    indexes.delete(lines);
    for (const line of added) add(index, line);
    indexes.set(next, index);
  }
  return next;
};

/**
 * A copy of `lines` that one decision owns while it grows it in place (an import deciding each line on the lines
 * before it): with `pushBasicLine` that is linear where `appendBasicLine` per line copies the array each time.
 * The copy must not reach anything that outlives the decision while it still grows.
 */
export const ownedBasicLines = (lines: readonly BasicExpenditureLine[]): BasicExpenditureLine[] => {
  const copy = [...lines];
  const index = indexes.get(lines);
  if (index) indexes.set(copy, { byId: new Map(index.byId), byKey: new Map(index.byKey) });
  return copy;
};

/** Adds a line to an owned copy (`ownedBasicLines`) in place, keeping its index as a rebuild would find it. */
export const pushBasicLine = (owned: BasicExpenditureLine[], line: BasicExpenditureLine): void => {
  owned.push(line);
  const index = indexes.get(owned);
  if (index) add(index, line);
};
