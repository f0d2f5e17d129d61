/** Counts each user's uses per UTC day and says when one has had their share. */
export class DailyLimit {
  private day = "";
  private readonly counts = new Map<string, number>();

  constructor(
    readonly perUser: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one use for the user; false when the user has used up today's. */
  take(user: string): boolean {
    const today = new Date(this.now()).toISOString().slice(0, 10);
    if (today !== this.day) {
      // Yesterday's counts are of no use: dropping them keeps the map as small as one day's users.
      this.counts.clear();
      this.day = today;
    }
    const used = this.counts.get(user) ?? 0;
    if (used >= this.perUser) return false;
    this.counts.set(user, used + 1);
    return true;
  }
}
