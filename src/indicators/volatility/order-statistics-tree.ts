/**
 * A fixed-capacity multiset of numbers answering "how many values are below m, and what is their
 * sum" in O(log n): a treap (a binary search tree kept balanced by random heap priorities) whose
 * nodes carry their subtree's count and sum. Nodes are numbered 0 … capacity − 1 by the caller (a
 * ring-buffer slot), all state lives in typed arrays allocated once, and every operation is
 * iterative: no allocation, no recursion.
 *
 * Subtree sums are always recomputed from the children (never adjusted by adding and subtracting),
 * so they carry no accumulated rounding. Priorities come from a hash of an insertion counter, so the
 * same inputs always build the same tree (and give bit-identical sums).
 */
export class OrderStatisticsTree {
  readonly capacity: number;
  /** Count and sum of the values below the bound given to the last `below` call. */
  belowCount = 0;
  belowSum = 0;
  private readonly key: Float64Array;
  private readonly sum: Float64Array;
  private readonly size: Int32Array;
  private readonly priority: Int32Array;
  private readonly parent: Int32Array;
  /** Children: left of node t at 2t, right at 2t + 1. */
  private readonly children: Int32Array;
  private readonly path: Int32Array;
  /** The empty tree: index `capacity`, size 0, sum 0. */
  private readonly nil: number;
  /** A header node whose right child is the root: index `capacity + 1`. */
  private readonly head: number;
  private insertions = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    const nodes = capacity + 2;
    this.key = new Float64Array(nodes);
    this.sum = new Float64Array(nodes);
    this.size = new Int32Array(nodes);
    this.priority = new Int32Array(nodes);
    this.parent = new Int32Array(nodes);
    this.children = new Int32Array(2 * nodes);
    this.path = new Int32Array(nodes);
    this.nil = capacity;
    this.head = capacity + 1;
    this.clear();
  }

  /** Number of values held. */
  get count(): number {
    return this.size[this.children[2 * this.head + 1]];
  }

  /** Sum of the values held. */
  get total(): number {
    return this.sum[this.children[2 * this.head + 1]];
  }

  /** The value held by node `node` (which must be in the tree). */
  valueOf(node: number): number {
    return this.key[node];
  }

  clear(): void {
    this.children[2 * this.head] = this.nil;
    this.children[2 * this.head + 1] = this.nil;
    this.insertions = 0;
    this.belowCount = 0;
    this.belowSum = 0;
  }

  /** Adds `value` as node `node` (a node not in the tree). */
  insert(node: number, value: number): void {
    const { nil, children, priority, key, parent, path } = this;
    let h = Math.imul(this.insertions ^ (this.insertions >>> 16), 0x45d9f3b);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    const p = h ^ (h >>> 16);
    this.insertions = (this.insertions + 1) | 0;
    priority[node] = p;
    key[node] = value;
    // Down while the nodes outrank the new one (equal values go right).
    let above = this.head;
    let link = 2 * above + 1;
    let t = children[link];
    while (t !== nil && priority[t] >= p) {
      above = t;
      link = 2 * t + (value < key[t] ? 0 : 1);
      t = children[link];
    }
    children[link] = node;
    parent[node] = above;
    // Split what hung there: values below `value` to the node's left, the others to its right.
    let lessNode = node;
    let less = 2 * node;
    let moreNode = node;
    let more = 2 * node + 1;
    let depth = 0;
    while (t !== nil) {
      path[depth++] = t;
      if (key[t] < value) {
        children[less] = t;
        parent[t] = lessNode;
        lessNode = t;
        less = 2 * t + 1;
        t = children[less];
      } else {
        children[more] = t;
        parent[t] = moreNode;
        moreNode = t;
        more = 2 * t;
        t = children[more];
      }
    }
    children[less] = nil;
    children[more] = nil;
    for (let i = depth - 1; i >= 0; i--) this.pull(path[i]);
    this.pull(node);
    this.pullUp(above);
  }

  /** Removes node `node` (which must be in the tree). */
  remove(node: number): void {
    const { nil, children, priority, parent, path } = this;
    const above = parent[node];
    let link = children[2 * above] === node ? 2 * above : 2 * above + 1;
    let linkNode = above;
    // Merge the two subtrees in the node's place.
    let a = children[2 * node];
    let b = children[2 * node + 1];
    let depth = 0;
    while (a !== nil && b !== nil) {
      if (priority[a] > priority[b]) {
        children[link] = a;
        parent[a] = linkNode;
        path[depth++] = a;
        linkNode = a;
        link = 2 * a + 1;
        a = children[link];
      } else {
        children[link] = b;
        parent[b] = linkNode;
        path[depth++] = b;
        linkNode = b;
        link = 2 * b;
        b = children[link];
      }
    }
    const rest = a !== nil ? a : b;
    children[link] = rest;
    if (rest !== nil) parent[rest] = linkNode;
    for (let i = depth - 1; i >= 0; i--) this.pull(path[i]);
    this.pullUp(above);
  }

  /** Sets `belowCount` and `belowSum` to the count and sum of the values < `bound`. */
  below(bound: number): void {
    const { nil, children, key, size, sum } = this;
    let t = children[2 * this.head + 1];
    let c = 0;
    let s = 0;
    while (t !== nil) {
      const k = key[t];
      const l = children[2 * t];
      if (k < bound) {
        c += size[l] + 1;
        s += sum[l] + k;
        t = children[2 * t + 1];
      } else {
        t = l;
      }
    }
    this.belowCount = c;
    this.belowSum = s;
  }

  private pull(t: number): void {
    const l = this.children[2 * t];
    const r = this.children[2 * t + 1];
    this.size[t] = this.size[l] + this.size[r] + 1;
    this.sum[t] = this.sum[l] + this.key[t] + this.sum[r];
  }

  private pullUp(from: number): void {
    const { head, parent } = this;
    for (let t = from; t !== head; t = parent[t]) this.pull(t);
  }
}
