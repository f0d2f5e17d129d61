export interface BreakerOptions {
  /** Failures in a row that open the circuit. */
  threshold: number;
  /** How long an open circuit skips the service. */
  coolDownMs: number;
  now?: () => number;
  /** Called once each time the circuit opens. */
  onOpen?: (failures: number) => void;
}

/**
 * Skips a failing service for a while: after `threshold` failures in a row
 * the circuit opens for `coolDownMs`; then one call may try again, and its
 * failure opens the circuit anew.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether the service may be called now. */
  get closed(): boolean {
    return this.now() >= this.openUntil;
  }

  success(): void {
    this.failures = 0;
  }

  failure(): void {
    this.failures++;
    if (this.failures >= this.options.threshold && this.closed) {
      this.openUntil = this.now() + this.options.coolDownMs;
      this.options.onOpen?.(this.failures);
      // After the pause one failure is enough to pause again.
      this.failures = this.options.threshold - 1;
    }
  }
}
