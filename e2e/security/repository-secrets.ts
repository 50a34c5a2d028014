import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@sx/stack';

/**
 * The development secrets the source used to hold (issue 14, F1/F2). They are kept here, and
 * only here, as what an attacker would try first: a stack must refuse them like any other.
 */
export const FORMER_DEFAULT_SECRETS = [
  'dev-identity-secret-change-me-0123456789',
  'dev-jwt-secret-change-me-0123456789abcdef',
  'bench-jwt-secret-0123456789abcdef0123456789',
  'bench-identity-secret-0123456789abcdef0123',
];

// Files that hold no hand-written literal: lockfiles, generated code, built bundles, images.
const SKIPPED = /(^|\/)(package-lock\.json|dist\/|generated\/)|\.(png|jpg|ico|woff2?|lock)$/;
// A quoted literal or an assigned value of 24–128 characters with no space, slash or template.
const QUOTED = /["'`]([^"'`\s/${}]{24,128})["'`]/g;
const ASSIGNED = /\b[A-Z0-9_]*(?:SECRET|TOKEN|KEY|PASSWORD)[A-Z0-9_]*\s*[:=]\s*["']?([^\s"'$]{16,128})/g;

/**
 * Every string in the tracked files that could be someone's idea of a secret: literals and
 * values given to variables named like secrets. Hundreds of strings that are not secrets come
 * along (ids, hashes, names); trying them all costs little and misses nothing.
 */
export function secretLikeStringsInRepository(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.length > 0 && !SKIPPED.test(file));
  const found = new Set<string>(FORMER_DEFAULT_SECRETS);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    } catch {
      continue; // listed but absent (a sparse or partial checkout)
    }
    if (text.includes('\u0000')) continue; // binary
    for (const pattern of [QUOTED, ASSIGNED]) {
      for (const match of text.matchAll(pattern)) if (match[1]) found.add(match[1]);
    }
  }
  return [...found];
}
