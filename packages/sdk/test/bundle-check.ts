import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

export interface BrowserBundle {
  /** Node built-ins the code imports (`node:fs`, `path` …), in the order met; empty is good. */
  nodeImports: string[];
  /** Size of the minified bundle. */
  bytes: number;
}

const builtins = new Set(builtinModules);

/** True for `node:fs`, `fs`, `fs/promises` … */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0] ?? '');
}

/**
 * Records every import of a Node built-in and keeps the build going (as external), so one run
 * lists them all instead of stopping at esbuild's first "could not resolve".
 */
function flagNodeImports(found: string[]): Plugin {
  return {
    name: 'flag-node-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        found.push(args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Bundles `entry` as a browser would get it: platform browser, ESM, minified, all inlined. */
export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [flagNodeImports(nodeImports)],
  });
  return { nodeImports, bytes: result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0) };
}
