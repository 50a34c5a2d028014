import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

// Reading what `expo export --source-maps` wrote for one platform: the bundle and the modules in
// it (the source map lists each module's path and its text).

/** Hermes bytecode files start with this magic number (little-endian 0x1F1903C103BC1FC6). */
const HERMES_MAGIC = Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]);

export interface ExportedBundle {
  file: string;
  bytes: Buffer;
  /** Module paths as Metro names them: `/src/app.tsx`, `/packages/sdk/src/client.ts`, `/node_modules/react/index.js` … */
  sources: string[];
  /** The text of a module, by its path. */
  sourceOf(source: string): string | undefined;
}

/** The one bundle of `platform` under an export folder (`.hbc` on phones, `.js` on the web). */
export function readExportedBundle(outDir: string, platform: string): ExportedBundle {
  const dir = path.join(outDir, '_expo/static/js', platform);
  const names = readdirSync(dir).filter((name) => /\.(hbc|js)$/.test(name));
  if (names.length !== 1) throw new Error(`expected one ${platform} bundle in ${dir}, found: ${names.join(', ') || 'none'}`);
  const file = path.join(dir, names[0] as string);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
  const contents = new Map(map.sources.map((source, i) => [source, map.sourcesContent?.[i] ?? undefined]));
  return { file, bytes: readFileSync(file), sources: map.sources, sourceOf: (source) => contents.get(source) };
}

export function isHermesBytecode(bytes: Buffer): boolean {
  return bytes.subarray(0, HERMES_MAGIC.length).equals(HERMES_MAGIC);
}

/** The npm packages in the bundle whose names are those of Node built-ins (`buffer`, `events` …). */
export function nodeNamedPackages(sources: readonly string[]): string[] {
  const builtins = new Set(builtinModules);
  const names = sources.map((source) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1]).filter((name): name is string => name !== undefined && builtins.has(name));
  return [...new Set(names)].sort();
}

/** The `version` a bundled React declares (`exports.version = "19.1.0"` in its production build). */
export function bundledReactVersion(bundle: ExportedBundle): string | undefined {
  const react = bundle.sources.filter((source) => source.endsWith('/node_modules/react/cjs/react.production.js'));
  if (react.length !== 1) throw new Error(`expected one React in the bundle, found ${react.length}: ${react.join(', ')}`);
  return /exports\.version\s*=\s*"([^"]+)"/.exec(bundle.sourceOf(react[0] as string) ?? '')?.[1];
}
