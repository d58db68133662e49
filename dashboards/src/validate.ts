import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

/** The fields of a query target the checks read (the SDK's Dataquery type is opaque). */
interface Target {
  refId?: string;
  datasource?: { uid?: string };
  expr?: unknown;
}

/** Panels of a dashboard with the panels inside collapsed rows, rows included. */
export function flattenPanels(d: Dashboard): (Panel | RowPanel)[] {
  const out: (Panel | RowPanel)[] = [];
  for (const p of d.panels ?? []) {
    out.push(p);
    if (p.type === 'row') out.push(...((p as RowPanel).panels ?? []));
  }
  return out;
}

/** Duplicate or missing panel ids, as messages. */
export function panelIdProblems(d: Dashboard): string[] {
  const seen = new Map<number, string>();
  const problems: string[] = [];
  for (const p of flattenPanels(d)) {
    const title = p.title ?? '(untitled)';
    if (typeof p.id !== 'number') {
      problems.push(`panel '${title}' has no id`);
    } else if (seen.has(p.id)) {
      problems.push(`panel id ${p.id} used by both '${seen.get(p.id)}' and '${title}'`);
    } else {
      seen.set(p.id, title);
    }
  }
  return problems;
}

/** Panels, targets and variables whose data source uid is not one of `uids`. */
export function datasourceProblems(d: Dashboard, uids: readonly string[]): string[] {
  const problems: string[] = [];
  const check = (where: string, ref: { uid?: string } | undefined | null, required: boolean) => {
    if (!ref || ref.uid === undefined) {
      if (required) problems.push(`${where}: no data source`);
    } else if (!uids.includes(ref.uid)) {
      problems.push(`${where}: data source uid '${ref.uid}' is not provisioned (known: ${uids.join(', ')})`);
    }
  };
  for (const p of flattenPanels(d)) {
    if (p.type === 'row') continue;
    const panel = p as Panel;
    const targets = panel.targets ?? [];
    check(`panel '${panel.title}'`, panel.datasource, targets.length > 0);
    if (targets.length === 0) problems.push(`panel '${panel.title}': no queries`);
    for (const t of targets as Target[]) {
      check(`panel '${panel.title}' query ${t.refId}`, t.datasource, true);
    }
  }
  for (const v of d.templating?.list ?? []) {
    if (v.type === 'query') check(`variable '${v.name}'`, v.datasource, true);
  }
  return problems;
}

const REF = /\$\{([A-Za-z0-9_.]+)(?::[^}]*)?\}|\[\[([A-Za-z0-9_.]+)(?::[^\]]*)?\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every template variable name referenced (`$x`, `${x}`, `${x:fmt}`, `[[x]]`) in a string. */
export function variableRefs(s: string): string[] {
  return [...s.matchAll(REF)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function strings(value: unknown, path: string, out: [string, string][]): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  }
}

/**
 * References to template variables the dashboard does not define (Grafana's built-ins, named
 * `__…`, are allowed), and variables used by an earlier variable (Grafana resolves in order).
 */
export function variableProblems(d: Dashboard): string[] {
  const vars = (d.templating?.list ?? []).map((v) => v.name);
  const problems: string[] = [];
  const all: [string, string][] = [];
  strings({ ...d, templating: undefined }, '', all);
  for (const [path, s] of all) {
    for (const name of variableRefs(s)) {
      if (!name.startsWith('__') && !vars.includes(name)) {
        problems.push(`${path}: references undefined variable '$${name}'`);
      }
    }
  }
  (d.templating?.list ?? []).forEach((v, i) => {
    const own: [string, string][] = [];
    strings(v, '', own);
    for (const [path, s] of own) {
      for (const name of variableRefs(s)) {
        if (name.startsWith('__')) continue;
        const j = vars.indexOf(name);
        if (j < 0) problems.push(`variable '${v.name}' ${path}: references undefined variable '$${name}'`);
        else if (j >= i) problems.push(`variable '${v.name}' ${path}: references '$${name}', which is not defined before it`);
      }
    }
  });
  return problems;
}

/** Panels outside the 24-column grid or overlapping another panel. */
export function layoutProblems(d: Dashboard): string[] {
  const problems: string[] = [];
  const top = d.panels ?? [];
  top.forEach((p, i) => {
    const g = p.gridPos;
    if (!g) {
      problems.push(`panel '${p.title}': no gridPos`);
      return;
    }
    if (g.x < 0 || g.y < 0 || g.w <= 0 || g.h <= 0 || g.x + g.w > 24) {
      problems.push(`panel '${p.title}': gridPos ${JSON.stringify(g)} outside the 24-column grid`);
    }
    for (const o of top.slice(0, i)) {
      const h = o.gridPos;
      if (h && g.x < h.x + h.w && h.x < g.x + g.w && g.y < h.y + h.h && h.y < g.y + g.h) {
        problems.push(`panels '${o.title}' and '${p.title}' overlap`);
      }
    }
  });
  return problems;
}

/** PromQL expressions of every Prometheus query (panel targets and query variables). */
export function promqlExpressions(d: Dashboard): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const p of flattenPanels(d)) {
    if (p.type === 'row') continue;
    for (const t of ((p as Panel).targets ?? []) as Target[]) {
      const expr = t.expr;
      if (typeof expr === 'string') out.push({ where: `panel '${p.title}' query ${t.refId}`, expr });
    }
  }
  for (const v of d.templating?.list ?? []) {
    const q = v.query as { query?: unknown } | string | undefined;
    const query = typeof q === 'string' ? q : q?.query;
    if (typeof query !== 'string') continue;
    // label_values(SELECTOR, label) / query_result(EXPR): keep the PromQL part.
    const m = /^label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$/s.exec(query) ?? /^query_result\((.*)\)$/s.exec(query);
    out.push({ where: `variable '${v.name}'`, expr: m ? m[1] : query });
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'by', 'without', 'on', 'ignoring', 'group_left',
  'group_right', 'offset', 'inf', 'nan', 'Inf', 'NaN']);

/** Metric names a PromQL expression selects (identifiers not followed by `(`, and not keywords or labels). */
export function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const withoutBraces = withoutStrings.replace(/\{[^}]*\}/g, '{}');
  const withoutGroupings = withoutBraces.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const withoutRanges = withoutGroupings.replace(/\[[^\]]*\]/g, '[]').replace(/\boffset\s+\S+/g, '');
  const names = new Set<string>();
  for (const m of withoutRanges.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = withoutRanges.slice((m.index ?? 0) + m[0].length).trimStart();
    if (after.startsWith('(')) continue;
    if (KEYWORDS.has(m[0])) continue;
    names.add(m[0]);
  }
  return [...names];
}

/**
 * Replaces Grafana's interval variables with literal values so a panel expression is plain PromQL
 * (`$__rate_interval`, `$__interval`, `$__range` → 5m; `$__range_s` → 300; `$__range_ms` → 300000).
 * Dashboard variables stay: they only occur inside label matcher strings.
 */
export function substituteGrafanaIntervals(expr: string): string {
  return expr
    .replace(/\$\{?__range_ms\}?/g, '300000')
    .replace(/\$\{?__range_s\}?/g, '300')
    .replace(/\$\{?__(rate_interval|interval|range)\}?/g, '5m');
}
