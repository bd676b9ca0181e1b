/** The engine's only source of "now", injected so that tests and imports run on fixed times. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: tests use it instead of sleeping. */
export class FixedClock implements Clock {
  private current: number;

  constructor(at: Date | string) {
    this.current = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  /** Moves the clock forward by whole milliseconds, hours or days. */
  advance({ ms = 0, hours = 0, days = 0 }: { ms?: number; hours?: number; days?: number }): void {
    this.current += ms + hours * 3_600_000 + days * 86_400_000;
  }
}
