import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, ERROR_REASONS, REASONS_BY_DOMAIN } from '@sx/core';
import { REPO_ROOT } from '@sx/stack';
import { describe, expect, it } from 'vitest';
import {
  ERRORS_DOC_PATH,
  reasonsNamedIn,
  renderErrorsDoc,
  renderSdkReasons,
  SDK_REASONS_PATH,
  sourceFiles,
  subgraphDirs,
  subgraphSdlWithReasons,
  thrownReasons,
} from '../scripts/error-catalogue.js';

// One catalogue of refusals (packages/core/src/error-catalogue): every reason the code throws is
// in it, every entry is thrown somewhere, and what is generated from it is up to date.

const SOURCE_DIRS = ['gateway/src', ...subgraphDirs().map((d) => `${d}/src`), 'packages/core/src', 'packages/runtime/src', 'packages/events/src'];
const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)));
const catalogueFiles = sourceFiles(path.join(REPO_ROOT, 'packages/core/src/error-catalogue'));

describe('the error catalogue', () => {
  it('has each reason in exactly one domain', () => {
    const names = Object.values(REASONS_BY_DOMAIN).flatMap((reasons) => Object.keys(reasons));
    expect(names.length).toBe(new Set(names).size);
    expect(new Set(names)).toEqual(new Set(Object.keys(ERROR_REASONS)));
  });

  it('holds every reason the code refuses with', () => {
    const thrown = thrownReasons(files);
    // A scan that finds nothing would pass vacuously: the refusals are many and in every service.
    expect(thrown.length).toBeGreaterThan(60);
    for (const dir of ['gateway/src', ...subgraphDirs()]) expect(thrown.some((t) => t.file.startsWith(dir))).toBe(true);
    expect(thrown.filter((t) => !Object.hasOwn(ERROR_REASONS, t.reason))).toEqual([]);
  });

  it('has no entry that nothing refuses with', () => {
    const named = reasonsNamedIn(files.filter((f) => !catalogueFiles.includes(f)));
    expect(Object.keys(ERROR_REASONS).filter((r) => !named.has(r as keyof typeof ERROR_REASONS))).toEqual([]);
  });

  it('gives every catalogued reason a code of the code table', () => {
    expect(Object.values(ERROR_REASONS).filter((entry) => !Object.hasOwn(ERROR_CODES, entry.code))).toEqual([]);
  });

  it('uses only catalogued codes where errors are built by hand', () => {
    const literalCodes = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/extensions: \{[^}]*\bcode: '([A-Z_]+)'/g)].map((m) => ({ code: m[1] ?? '', file })),
    );
    expect(literalCodes.filter((c) => !Object.hasOwn(ERROR_CODES, c.code) && c.code !== 'INTERNAL_SERVER_ERROR')).toEqual([]);
  });
});

describe('what is generated from the catalogue (npm run errors:docs)', () => {
  it('docs/errors.md is up to date', () => {
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc());
  });

  it("the SDK's SxErrorReason union is up to date", () => {
    expect(readFileSync(SDK_REASONS_PATH, 'utf8')).toBe(renderSdkReasons());
  });

  it.each(subgraphDirs())("%s/schema.graphql lists the reasons that subgraph refuses with", (dir) => {
    const { file, sdl } = subgraphSdlWithReasons(dir);
    expect(readFileSync(file, 'utf8')).toBe(sdl);
  });
});
