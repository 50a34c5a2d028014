/**
 * bench/RESULTS.md holds every bench's latest figures, one section per bench between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. A bench rewrites its own section only, so
 * the others' figures stay as their last run left them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

const HEADER = `# Bench results

Written by the benches themselves (\`npm run bench:…\`); each section is replaced by its own
bench's latest run and says when and on what machine it ran. Commit it after a run.
`;

/** One line naming the date and the machine a run happened on. */
export function machineLine(postgresVersion: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${new Date().toISOString()} · ${os.cpus().length} cores (${cpu}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${postgresVersion}`;
}

export function writeResultsSection(name: string, markdown: string, file = RESULTS_PATH): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
