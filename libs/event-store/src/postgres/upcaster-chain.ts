import type { Upcaster } from '../event-store.port';

/** A guard against a cycle of upcasters that never reaches a version without one. */
const MAX_STEPS = 64;

/** Registered upcasters keyed by (type, fromVersion); applies them in a chain on read. */
export class UpcasterChain {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    upcasters.forEach((upcaster) => this.register(upcaster));
  }

  register(upcaster: Upcaster): void {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`An upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
  }

  get size(): number {
    return this.byKey.size;
  }

  upcast(type: string, typeVersion: number, data: unknown): { typeVersion: number; data: unknown } {
    let current = { typeVersion, data };
    for (let step = 0; step < MAX_STEPS; step++) {
      const upcaster = this.byKey.get(`${type}@${current.typeVersion}`);
      if (!upcaster) return current;
      const next = upcaster.upcast(current.data);
      if (next.typeVersion <= current.typeVersion) {
        throw new Error(`Upcaster ${type}@${current.typeVersion} must raise typeVersion (got ${next.typeVersion})`);
      }
      current = next;
    }
    throw new Error(`Upcaster chain for ${type} exceeds ${MAX_STEPS} steps`);
  }
}
