/** Active seconds above this are counted apart (a dense array up to it stays small). */
const denseLimit = 1 << 16;

/**
 * How many verifications took each whole number of active seconds: the median and p10 of a
 * window (hundreds of thousands of values) without sorting them. Counted in a dense array,
 * which is several times faster than a Map at this volume; rare values past an hour and a half apart.
 */
export class Histogram {
  private dense = new Float64Array(256);
  private sparse = new Map<number, number>();

  add(seconds: number, count = 1) {
    if (Number.isInteger(seconds) && seconds >= 0 && seconds < denseLimit) {
      if (seconds >= this.dense.length) this.grow(seconds);
      this.dense[seconds]! += count;
    } else {
      this.sparse.set(seconds, (this.sparse.get(seconds) ?? 0) + count);
    }
  }

  addAll(seconds: readonly number[]) {
    for (const value of seconds) this.add(value);
  }

  absorb(other: Histogram) {
    other.dense.forEach((count, seconds) => {
      if (count) this.add(seconds, count);
    });
    for (const [seconds, count] of other.sparse) this.add(seconds, count);
  }

  /** The k-th smallest value (1-based); null when there are fewer. */
  kth(k: number | null): number | null {
    if (k === null) return null;
    const sparse = [...this.sparse.keys()].sort((a, b) => a - b);
    let seen = 0;
    let next = 0;
    // Values outside the dense range (negative or fractional ones, should any appear) come in order too.
    const take = (limit: number) => {
      while (next < sparse.length && sparse[next]! < limit) {
        seen += this.sparse.get(sparse[next]!)!;
        if (seen >= k) return sparse[next]!;
        next++;
      }
      return null;
    };
    for (let seconds = 0; seconds < this.dense.length; seconds++) {
      const before = take(seconds);
      if (before !== null) return before;
      seen += this.dense[seconds]!;
      if (seen >= k) return seconds;
    }
    return take(Infinity);
  }

  private grow(seconds: number) {
    const grown = new Float64Array(Math.min(denseLimit, Math.max(seconds + 1, this.dense.length * 2)));
    grown.set(this.dense);
    this.dense = grown;
  }
}
