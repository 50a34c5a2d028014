import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser, isNodeBuiltin } from './bundle-check.js';

// The SDK runs in browsers and React Native: it must not import anything only Node has.

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const nodeFixture = fileURLToPath(new URL('./fixtures/imports-node-builtins.ts', import.meta.url));

describe('the SDK in a browser bundle', () => {
  it('bundles for the browser without a single Node built-in', async () => {
    const bundle = await bundleForBrowser(entry);
    expect(bundle.nodeImports).toEqual([]);
    expect(bundle.bytes).toBeGreaterThan(0);
  });

  it('has a check that flags node: and bare built-in imports', async () => {
    const bundle = await bundleForBrowser(nodeFixture);
    expect(bundle.nodeImports).toEqual(['node:fs', 'path']);
  });

  it('knows built-ins by name, with or without node: and with subpaths', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'crypto', 'node:test'].filter(isNodeBuiltin)).toHaveLength(5);
    expect(['graphql', 'graphql-ws', '@graphql-typed-document-node/core', './http.js'].filter(isNodeBuiltin)).toEqual([]);
  });
});
