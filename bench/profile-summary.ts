/**
 * Where the CPU time of a `node --cpu-prof` profile went, by package (node_modules/<pkg>, our
 * own folders, node internals) and by function: self time, the share of all samples, idle apart.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 15]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package or folder a script belongs to: `undici`, `@apollo/gateway`, `ours: gateway/src`, `node:internal`. */
export function ownerOf(url: string): string {
  if (!url) return '(program / native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules?.[1]) return modules[1];
  const ours = /\/(gateway|subgraphs\/[^/]+|packages\/[^/]+)\/src\//.exec(url);
  return ours?.[1] ? `ours: ${ours[1]}` : url;
}

function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    total += micros;
    if (!frame || frame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    const owner = frame.functionName === '(garbage collector)' ? 'garbage collector' : ownerOf(frame.url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
    const fn = `${frame.functionName || '(anonymous)'} ${owner}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  });
  return { total, idle, byOwner, byFunction };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
const top = Number(values.top);
for (const file of positionals) {
  const { total, idle, byOwner, byFunction } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const busy = total - idle;
  const pct = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
  process.stdout.write(`\n${file}\n  ${(total / 1e6).toFixed(1)} s profiled, ${((100 * idle) / total).toFixed(0)} % idle; shares below are of the busy ${(busy / 1e6).toFixed(1)} s\n`);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write('  by package:\n');
  for (const [owner, micros] of sorted(byOwner)) process.stdout.write(`    ${pct(micros)}  ${owner}\n`);
  process.stdout.write('  by function (self time):\n');
  for (const [fn, micros] of sorted(byFunction)) process.stdout.write(`    ${pct(micros)}  ${fn}\n`);
}
