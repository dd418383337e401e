/**
 * At most `limit` operations in flight (publishes awaiting their acknowledgement): `acquire` waits
 * for a free slot, `release` frees one, `idle` waits for none. O(1) per operation — racing a set of
 * thousands of promises on each publish costs more than the publish.
 */
export class Window {
  private count = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly drained: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get inFlight(): number {
    return this.count;
  }

  /** A slot is free now (take it with {@link inFlightPlus}, without waiting). */
  get free(): boolean {
    return this.count < this.limit;
  }

  async acquire(): Promise<void> {
    while (this.count >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.count += 1;
  }

  /** Takes a slot now, even past the limit (a caller that cannot wait; `acquire` then waits longer). */
  inFlightPlus(): void {
    this.count += 1;
  }

  release(): void {
    this.count -= 1;
    this.waiting.shift()?.();
    if (this.count === 0) for (const d of this.drained.splice(0)) d();
  }

  async idle(): Promise<void> {
    if (this.count > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
  }
}
