/**
 * Counts failed logins, not logins: a user who signs in eleven times in a quarter of an hour is
 * not an attacker. Two budgets: per IP and e-mail (guessing one account) and per IP alone
 * (spraying one password over many accounts). Kept in memory per instance; see
 * docs/decisions/0001-foundation.md.
 */
export class LoginThrottle {
  private failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly perAccount = 10,
    private readonly perIp = 50,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private keys(ip: string, email: string) {
    return { account: `${ip}|${email.trim().toLowerCase()}`, ip };
  }

  private count(key: string, now: number): number {
    const entry = this.failures.get(key);
    return entry && entry.resetAt > now ? entry.count : 0;
  }

  isBlocked(ip: string, email: string, now: number): boolean {
    const k = this.keys(ip, email);
    return this.count(k.account, now) >= this.perAccount || this.count(k.ip, now) >= this.perIp;
  }

  recordFailure(ip: string, email: string, now: number): void {
    if (this.failures.size > 50_000) this.sweep(now);
    for (const key of Object.values(this.keys(ip, email))) {
      const entry = this.failures.get(key);
      if (entry && entry.resetAt > now) entry.count++;
      else this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
    }
  }

  recordSuccess(ip: string, email: string): void {
    this.failures.delete(this.keys(ip, email).account);
  }

  private sweep(now: number) {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
  }
}
