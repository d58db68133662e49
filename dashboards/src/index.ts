import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alerts } from './dashboards/alerts';
import { drift } from './dashboards/drift';
import { errors } from './dashboards/errors';
import { overview } from './dashboards/overview';
import { self } from './dashboards/self';

export interface GeneratedDashboard {
  /** File name under generated/, e.g. `pipelens-overview.json` (the dashboard uid + .json). */
  file: string;
  dashboard: Dashboard;
}

/** Every pipelens dashboard, in menu order. */
export function allDashboards(): GeneratedDashboard[] {
  return [overview(), errors(), drift(), alerts(), self()]
    .map((dashboard) => ({ file: `${dashboard.uid}.json`, dashboard }));
}

export function toJson(dashboard: Dashboard): string {
  return JSON.stringify(dashboard, null, 2) + '\n';
}

/** Writes every dashboard as JSON into `dir` (created), removing stale *.json files there. */
export function writeDashboards(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const generated = allDashboards();
  const names = new Set(generated.map((g) => g.file));
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.json') && !names.has(f)) rmSync(join(dir, f));
  }
  for (const g of generated) writeFileSync(join(dir, g.file), toJson(g.dashboard));
  return generated.map((g) => g.file);
}
