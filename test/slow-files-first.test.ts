import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';
import SlowFilesFirst, { knownSeconds, SLOW_FILE_SECONDS, splitSlowFirst } from './slow-files-first.js';

describe('the slow-files-first test order', () => {
  it('puts the files of known duration first, longest first, and keeps the order of the rest', () => {
    const seconds: Record<string, number> = { b: 10, d: 90, e: 40 };
    expect(splitSlowFirst(['a', 'b', 'c', 'd', 'e', 'f'], (name) => seconds[name])).toEqual({ slow: ['d', 'e', 'b'], rest: ['a', 'c', 'f'] });
  });

  it('names files that exist, by their path from the repository root', () => {
    const root = path.resolve('.');
    for (const file of Object.keys(SLOW_FILE_SECONDS)) {
      expect(existsSync(file), file).toBe(true);
      expect(knownSeconds(root, path.join(root, file))).toBe(SLOW_FILE_SECONDS[file]);
    }
    expect(knownSeconds(root, path.join(root, 'e2e/bidding.test.ts'))).toBeUndefined();
  });

  it('is the sequencer npm test runs with', () => {
    expect(config.test?.sequence?.sequencer).toBe(SlowFilesFirst);
  });
});
