/**
 * `compute` remembered for the last `size` texts: one paste is read by several readers in a turn
 * (identify, each parser, the judge, the reply), which then share one result.
 */
export function memoByText<T>(compute: (text: string) => T, size = 32): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    const cached = results.get(text);
    if (cached !== undefined) return cached;
    const result = compute(text);
    if (results.size >= size) {
      const oldest = results.keys().next().value;
      if (oldest !== undefined) results.delete(oldest);
    }
    results.set(text, result);
    return result;
  };
}
