/**
 * Puts `value` under `key` as the most recently used entry (a Map iterates in insertion order) and drops the
 * least recently used one beyond `max`. The fold caches of commands and projections use it.
 */
export function rememberRecent<V>(map: Map<string, V>, key: string, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
  return value;
}
