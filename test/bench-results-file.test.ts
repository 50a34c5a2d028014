import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeResultsSection } from '../bench/results-file.js';

describe('bench/RESULTS.md sections (bench/results-file.ts)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-results-'));
  const file = path.join(dir, 'RESULTS.md');
  afterEach(() => rmSync(file, { force: true }));

  it('creates the file with a header, then adds each bench its own section', () => {
    writeResultsSection('gateway', '## Gateway\nfirst', file);
    writeResultsSection('live', '## Live\nsecond', file);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# Bench results')).toBe(true);
    expect(text).toContain('<!-- bench:gateway -->\n## Gateway\nfirst\n<!-- /bench:gateway -->');
    expect(text.indexOf('bench:gateway')).toBeLessThan(text.indexOf('bench:live'));
  });

  it("rewrites only its own section and keeps the others' figures and any text around them", () => {
    writeFileSync(file, '# Bench results\n\nnotes by hand\n\n<!-- bench:money -->\nmoney figures\n<!-- /bench:money -->\n\n<!-- bench:gateway -->\nold\n<!-- /bench:gateway -->\n\ntrailing note\n');
    writeResultsSection('gateway', 'new figures', file);
    expect(readFileSync(file, 'utf8')).toBe(
      '# Bench results\n\nnotes by hand\n\n<!-- bench:money -->\nmoney figures\n<!-- /bench:money -->\n\n<!-- bench:gateway -->\nnew figures\n<!-- /bench:gateway -->\n\ntrailing note\n',
    );
  });
});
