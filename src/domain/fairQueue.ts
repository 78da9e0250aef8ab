// A queue that serves its users in turn rather than in order of arrival: items are filed under a
// path of keys (for renders: the client's address, then the code asked for), and each level is
// served in turns. One client holding twelve requests gets one turn while every other client
// waiting gets one too; inside a client, its codes take turns.
// Turns are counted, not just rotated: each lane has the number of the turn it is due next, and a
// lane that arrives (or comes back) joins at the current turn. So a client served a moment ago
// whose next request arrives before another client's first one still goes after it.

export class FairQueue<T> {
  private lanes = new Map<string, { queue: FairQueue<T>; due: number }>();
  private items: T[] = [];
  private count = 0;
  /** The turn being served. */
  private turn = 0;

  /** `depth`: how many keys file an item (missing keys count as ""). */
  constructor(private readonly depth: number) {}

  get size(): number {
    return this.count;
  }

  push(path: readonly string[], item: T): void {
    this.count++;
    if (this.depth === 0) {
      this.items.push(item);
      return;
    }
    const key = path[0] ?? "";
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: new FairQueue<T>(this.depth - 1), due: this.turn }));
    else if (lane.queue.size === 0) lane.due = Math.max(lane.due, this.turn);
    lane.queue.push(path.slice(1), item);
  }

  /** The next item: from the lane due soonest (the earliest to arrive among equals), its oldest. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    this.count--;
    if (this.depth === 0) return this.items.shift();
    let next: { queue: FairQueue<T>; due: number } | undefined;
    for (const [key, lane] of this.lanes) {
      if (lane.queue.size === 0) {
        // An idle lane due no later than now would rejoin at the current turn anyway: forget it.
        if (lane.due <= this.turn) this.lanes.delete(key);
        continue;
      }
      if (!next || lane.due < next.due) next = lane;
    }
    this.turn = next!.due;
    next!.due++;
    return next!.queue.shift();
  }

  /** How many items are filed under `path` (a prefix of keys). */
  sizeOf(path: readonly string[]): number {
    if (this.depth === 0 || path.length === 0) return this.count;
    return this.lanes.get(path[0] ?? "")?.queue.sizeOf(path.slice(1)) ?? 0;
  }

  /** Takes out the newest item of whoever holds the most, level by level (to make room for someone with less). */
  popFromLargest(): T | undefined {
    if (this.count === 0) return undefined;
    this.count--;
    if (this.depth === 0) return this.items.pop();
    let largest: FairQueue<T> | undefined;
    for (const { queue } of this.lanes.values()) if (!largest || queue.size >= largest.size) largest = queue; // ties: the lane that came last
    return largest!.popFromLargest();
  }

  /** The largest number of items any one top-level key holds. */
  largestLane(): number {
    if (this.depth === 0) return this.count;
    let max = 0;
    for (const { queue } of this.lanes.values()) max = Math.max(max, queue.size);
    return max;
  }

  /** Removes `item` wherever it is filed; false if it is not queued. */
  remove(item: T): boolean {
    if (this.depth === 0) {
      const i = this.items.indexOf(item);
      if (i < 0) return false;
      this.items.splice(i, 1);
      this.count--;
      return true;
    }
    for (const { queue } of this.lanes.values()) {
      if (queue.remove(item)) {
        this.count--;
        return true;
      }
    }
    return false;
  }

  /** Every item, emptied out (on shutdown). */
  drain(): T[] {
    const out: T[] = [];
    for (let x = this.shift(); x !== undefined; x = this.shift()) out.push(x);
    return out;
  }
}
