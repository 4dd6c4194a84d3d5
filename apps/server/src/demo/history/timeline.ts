import type { Db } from "../../db/client";
import type { Deps } from "../../lib/context";

type Event = { at: number; seq: number; run: (now: number) => unknown };

/**
 * The history as a list of timed events, run strictly in time order so the audit log's timestamps
 * only move forward. Events schedule later events as they run (a claim schedules its decision), and
 * each runs with its own clock: the use cases see the moment it happened, not the moment of seeding.
 */
export class Timeline {
  private heap: Event[] = [];
  private seq = 0;
  private last = 0;

  /** Events at or after `end` (the moment the demo starts) never happen. */
  constructor(
    private readonly db: Db,
    readonly end: number,
  ) {}

  /** Schedules `run` at `at`; false when that is too late. */
  at(at: number, run: (now: number) => unknown): boolean {
    if (at >= this.end) return false;
    this.push({ at, seq: this.seq++, run });
    return true;
  }

  /** The use cases' dependencies, with the clock stopped at `now`. */
  deps(now: number): Deps {
    return { db: this.db, now: () => now };
  }

  /**
   * Runs every event at a whole millisecond (the columns are integers, and PostgreSQL's hold whole
   * numbers only); one that would land on or before its predecessor runs a millisecond later.
   */
  async run() {
    for (let event = this.pop(); event; event = this.pop()) {
      const now = Math.max(Math.round(event.at), this.last + 1);
      this.last = now;
      await event.run(now);
    }
  }

  private before(a: Event, b: Event) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(event: Event) {
    const heap = this.heap;
    heap.push(event);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Event | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
    return top;
  }
}
