import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULES = path.join(ROOT, 'deploy/observability/alert-rules.yaml');
const DASHBOARD = path.join(ROOT, 'deploy/observability/grafana-dashboard.json');
const PROMTOOL = '/usr/bin/promtool';

/** Every `name: 'sx_…'` a metric is registered under in our source. */
function definedMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist' || entry === 'generated') continue;
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
        for (const m of readFileSync(file, 'utf8').matchAll(/name: '(sx_[a-z_]+)'/g)) names.add(m[1] as string);
      }
    }
  };
  for (const dir of ['gateway/src', 'packages', 'subgraphs']) walk(path.join(ROOT, dir));
  return names;
}

/** Our metric names a PromQL expression reads, without a histogram's _bucket/_sum/_count. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(sx_[a-z_]+)/g)].map((m) => (m[1] as string).replace(/_(bucket|sum|count)$/, ''));
}

interface RuleFile {
  groups: { name: string; rules: { alert?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
}

describe('Prometheus alert rules and the Grafana dashboard', () => {
  const defined = definedMetrics();
  const rules = parse(readFileSync(RULES, 'utf8')) as RuleFile;

  it('loads the rules file: named groups of alerts, each with an expression, a severity and a summary', () => {
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const rule of alerts) {
      expect(rule.alert, rule.expr).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(['page', 'ticket']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
  });

  it('names only metrics the services register, in every alert and every dashboard panel', () => {
    expect(defined.size).toBeGreaterThan(20);
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const exprs = [
      ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
      ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel ${p.title}`, expr: t.expr }))),
    ];
    const unknown = exprs.flatMap(({ where, expr }) => metricsIn(expr).filter((m) => !defined.has(m)).map((m) => `${where}: ${m}`));
    expect(unknown).toEqual([]);
    // The list: each of these is watched somewhere.
    const watched = new Set(exprs.flatMap(({ expr }) => metricsIn(expr)));
    for (const name of ['sx_signups_total', 'sx_domain_events_total', 'sx_money_moved_minor_total', 'sx_escrow_held_minor', 'sx_saga_step_seconds', 'sx_gateway_subgraph_requests_total', 'sx_gateway_subgraph_request_duration_seconds', 'sx_events_consumer_pending', 'sx_outbox_backlog', 'sx_events_dead_lettered_total', 'sx_gateway_circuit_state']) {
      expect(watched, name).toContain(name);
    }
  });

  it.runIf(existsSync(PROMTOOL))('passes promtool check rules', () => {
    const out = execFileSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });
});
