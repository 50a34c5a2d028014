import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that take far longer than the rest (seconds on the 2-core CI machine, from the
 * durations vitest reported for CI runs). A fork picks the next file when it finishes one, so the
 * longest must start first: otherwise one of them may start last and run alone while the other
 * fork idles. Only the order depends on these numbers; a wrong one costs time, never a test.
 */
export const SLOW_FILE_SECONDS: Readonly<Record<string, number>> = {
  'e2e/mobile-app.test.ts': 159,
  'test/faults/bank.test.ts': 138,
  'test/faults/process-races.test.ts': 101,
  'e2e/saga-crash.test.ts': 95,
  'e2e/mobile-household.browser.test.ts': 60,
  'e2e/web-app.browser.test.ts': 45,
  'e2e/tracing.test.ts': 40,
  'packages/sdk/test/packed.test.ts': 40,
  'e2e/household.browser.test.ts': 35,
  'e2e/admin-app.browser.test.ts': 35,
  'e2e/task-photos.browser.test.ts': 30,
  'e2e/notifications.browser.test.ts': 30,
  'e2e/graphiql.browser.test.ts': 30,
  'test/faults/ledger-properties.test.ts': 30,
};

/** The seconds a file is known to take, or undefined for an ordinary one. */
export function knownSeconds(root: string, moduleId: string): number | undefined {
  return SLOW_FILE_SECONDS[path.relative(root, moduleId).split(path.sep).join('/')];
}

/**
 * The known slow files first, longest first; then vitest's own order for the rest (from its
 * cache of durations when there is one — a fresh CI clone has none — else larger files first).
 */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { slow, rest } = splitSlowFirst(files, (spec) => knownSeconds(spec.project.config.root, spec.moduleId));
    return [...slow, ...(await super.sort(rest))];
  }
}

/** The items with a known duration, longest first, and the others in their given order. */
export function splitSlowFirst<T>(items: readonly T[], secondsOf: (item: T) => number | undefined): { slow: T[]; rest: T[] } {
  const timed = items.flatMap((item) => {
    const seconds = secondsOf(item);
    return seconds === undefined ? [] : [{ item, seconds }];
  });
  return { slow: timed.sort((a, b) => b.seconds - a.seconds).map((t) => t.item), rest: items.filter((item) => secondsOf(item) === undefined) };
}
