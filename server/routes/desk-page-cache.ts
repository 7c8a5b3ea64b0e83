/**
 * Serialised desk pages, kept until the next change. A desk reads the same
 * queues over and over (every open My work page, every badge); any committed
 * change publishes an event, which drops them all, and a generation counter
 * keeps a read that started before a change from storing what it read.
 */
export class DeskPageCache {
  private readonly pages = new Map<string, string>();
  private current = 0;

  constructor(private readonly capacity = 1000) {}

  generation(): number {
    return this.current;
  }

  get(key: string): string | undefined {
    return this.pages.get(key);
  }

  store(key: string, generation: number, body: string): void {
    if (generation !== this.current) {
      return;
    }
    if (this.pages.size >= this.capacity) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    this.pages.set(key, body);
  }

  clear(): void {
    this.current += 1;
    this.pages.clear();
  }
}
