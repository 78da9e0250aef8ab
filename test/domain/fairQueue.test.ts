// The render queue serves clients in turn, then codes within a client.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FairQueue } from "../../src/domain/fairQueue.ts";

const drain = <T>(q: FairQueue<T>) => q.drain();

describe("FairQueue", () => {
  it("one client holding twelve requests gets one turn while another client gets one too", () => {
    const q = new FairQueue<string>(2);
    for (let i = 1; i <= 12; i++) q.push(["10.0.0.1", `code${i}`], `a${i}`);
    q.push(["10.0.0.2", "mine"], "b1");
    expect(q.shift()).toBe("a1");
    expect(q.shift()).toBe("b1"); // second, not thirteenth
    expect(drain(q)).toEqual(["a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12"]);
  });
  it("within a client, its codes take turns", () => {
    const q = new FairQueue<string>(2);
    q.push(["c", "x"], "x1");
    q.push(["c", "x"], "x2");
    q.push(["c", "y"], "y1");
    expect(drain(q)).toEqual(["x1", "y1", "x2"]);
  });
  it("popFromLargest takes the newest request of whoever holds the most", () => {
    const q = new FairQueue<string>(2);
    for (let i = 1; i <= 3; i++) q.push(["a", `k${i}`], `a${i}`);
    q.push(["b", "k"], "b1");
    expect(q.largestLane()).toBe(3);
    expect(q.sizeOf(["a"])).toBe(3);
    expect(q.popFromLargest()).toBe("a3");
    expect(q.size).toBe(3);
    expect(q.remove("b1")).toBe(true);
    expect(q.remove("b1")).toBe(false);
    expect(drain(q)).toEqual(["a1", "a2"]);
  });
  it("never loses or invents an item; each client's items come out in the order they went in", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 60 }), (pushes) => {
        const q = new FairQueue<number>(2);
        pushes.forEach(([c, k], i) => q.push([`c${c}`, `k${k}`], i));
        expect(q.size).toBe(pushes.length);
        const out = drain(q);
        expect([...out].sort((a, b) => a - b)).toEqual(pushes.map((_, i) => i));
        for (let c = 0; c < 4; c++)
          for (let k = 0; k < 4; k++) {
            const mine = out.filter((i) => pushes[i]![0] === c && pushes[i]![1] === k);
            expect(mine).toEqual([...mine].sort((a, b) => a - b));
          }
        // At any point, two clients that both still have items waiting have been served within one of each other.
        const total = new Map<number, number>();
        for (const [c] of pushes) total.set(c, (total.get(c) ?? 0) + 1);
        const served = new Map<number, number>();
        for (const i of out) {
          served.set(pushes[i]![0], (served.get(pushes[i]![0]) ?? 0) + 1);
          const waiting = [...total].filter(([c, n]) => (served.get(c) ?? 0) < n).map(([c]) => served.get(c) ?? 0);
          if (waiting.length) expect(Math.max(...waiting) - Math.min(...waiting)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("FairQueue turns", () => {
  it("a client served a moment ago goes after a client that has not been served, even if it asked first", () => {
    const q = new FairQueue<string>(2);
    q.push(["A", "1"], "a1");
    expect(q.shift()).toBe("a1"); // A's request renders; its next ones arrive before B's first
    q.push(["A", "2"], "a2");
    q.push(["A", "3"], "a3");
    q.push(["B", "x"], "b1");
    expect(q.drain()).toEqual(["b1", "a2", "a3"]);
  });
  it("a client coming back after a pause takes turns from now on, not the turns it missed", () => {
    const q = new FairQueue<string>(1);
    q.push(["B"], "b0");
    expect(q.shift()).toBe("b0");
    for (let i = 0; i < 8; i++) q.push(["A"], `a${i}`);
    for (let i = 0; i < 5; i++) q.shift(); // A alone for five turns
    for (let i = 1; i <= 3; i++) q.push(["B"], `b${i}`);
    expect(q.drain()).toEqual(["b1", "a5", "b2", "a6", "b3", "a7"]);
  });
});
