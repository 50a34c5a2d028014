/** The SQLSTATE of `err` or of an error it wraps (drizzle puts the driver's error in `cause`). */
export function sqlStateOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether `err` (or an error it wraps: drizzle puts the driver's error in `cause`) is a unique
 * violation (SQLSTATE 23505) of `constraint` (of any unique key when none is named): the loser of
 * a race for a unique key.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const pgErr = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (pgErr.code === '23505') return constraint === undefined || pgErr.constraint === constraint;
    current = pgErr.cause;
  }
  return false;
}

/**
 * Awaits `work` (a command's transaction) and turns a unique violation of `constraint` into
 * `refusal()`: the loser of a race for a unique key gets the same domain error that the check
 * before its write would have given, had it seen the winner.
 */
export async function refuseUniqueViolation<T>(work: Promise<T>, constraint: string, refusal: () => Error): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw isUniqueViolation(err, constraint) ? refusal() : err;
  }
}
