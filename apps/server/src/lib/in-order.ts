/**
 * Maps each item through an async step, one after another. Never Promise.all inside a transaction:
 * steps that interleave would read the same audit head, or write in an order nobody chose.
 */
export async function inOrder<T, R>(items: Iterable<T>, each: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  for (const item of items) results.push(await each(item, index++));
  return results;
}
