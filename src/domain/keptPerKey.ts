/**
 * `fn` with its results kept per key, at most `max` of them (all dropped at once when full). For
 * small per-request work on a few recurring keys, such as hashing an owner's code on each of their
 * page requests, where a native Hash or Hmac object per call cost more in garbage collection than
 * the work itself (bench/http.ts).
 */
export function keptPerKey<T>(fn: (key: string) => T, max = 10_000): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    if (kept.has(key)) return kept.get(key)!;
    if (kept.size >= max) kept.clear();
    const value = fn(key);
    kept.set(key, value);
    return value;
  };
}
