import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { allDashboards } from '../src/index';
import { flattenPanels } from '../src/validate';

/*
 * The dashboards' own queries evaluated by Prometheus' engine on synthetic series
 * (`promtool test rules`, promql_expr_test), every variable at its default "All" (`.*`).
 */
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const tmp = mkdtempSync(join(tmpdir(), 'pipelens-semantics-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const byUid = new Map(allDashboards().map(({ dashboard }) => [dashboard.uid, dashboard] as [string, Dashboard]));

/** The expression of a panel's query as Grafana sends it with every variable at "All" (`.*`). */
function query(uid: string, title: string, refId = 'A', range = '30m'): string {
  const d = byUid.get(uid);
  assert.ok(d, `no dashboard ${uid}`);
  const panel = flattenPanels(d).find((p) => p.title === title) as Panel | undefined;
  assert.ok(panel, `no panel '${title}' in ${uid}`);
  const target = (panel.targets ?? []).find((t) => (t as { refId?: string }).refId === refId) as { expr?: string } | undefined;
  assert.ok(target?.expr, `no query ${refId} in '${title}'`);
  let expr = target.expr.replace(/\$\{?__range\}?/g, range).replace(/\$\{?__(rate_interval|interval)\}?/g, '5m');
  for (const v of d.templating?.list ?? []) expr = expr.replaceAll(`"$${v.name}"`, `"${v.allValue ?? '.*'}"`);
  assert.doesNotMatch(expr, /\$/, `unsubstituted variable in ${expr}`);
  return expr;
}

interface Sample { labels: string; value: number }
interface Case { series: { series: string; values: string }[]; expr: string; evalTime: string; expected: Sample[] }

function promtoolTest(name: string, c: Case) {
  const file = join(tmp, `${name}.test.yaml`);
  writeFileSync(file, JSON.stringify({
    rule_files: [],
    evaluation_interval: '1m',
    tests: [{
      interval: '1m',
      input_series: c.series,
      promql_expr_test: [{ expr: c.expr, eval_time: c.evalTime, exp_samples: c.expected }],
    }],
  }, null, 1));
  const r = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new Error(`cannot run ${PROMTOOL} (Debian package prometheus): ${r.error.message}`);
  return { code: r.status, output: r.stdout + r.stderr };
}

function assertEvaluates(name: string, c: Case) {
  const r = promtoolTest(name, c);
  assert.equal(r.code, 0, `${c.expr}\n${r.output}`);
}

const spans = (labels: string, values: string) => ({ series: `pipelens_spans_total{${labels}}`, values });

describe('dashboard queries on synthetic series', () => {
  it('overview runs per second: per service and language, including spans without a language', () => {
    assertEvaluates('runs', {
      series: [
        spans('service="etl", language="python", operation="load", status_code="ok"', '0+60x20'),
        spans('service="etl", language="python", operation="load", status_code="error"', '0+60x20'),
        spans('service="scoring", operation="score", status_code="ok"', '0+120x20'),
      ],
      expr: query('pipelens-overview', 'Runs per second'),
      evalTime: '10m',
      expected: [
        { labels: '{service="etl", language="python"}', value: 2 },
        { labels: '{service="scoring"}', value: 2 },
      ],
    });
  });

  it('overview error ratio: errored spans / all spans', () => {
    assertEvaluates('error-ratio', {
      series: [
        spans('service="etl", language="java", status_code="ok"', '0+180x20'),
        spans('service="etl", language="java", status_code="error"', '0+60x20'),
      ],
      expr: query('pipelens-overview', 'Error ratio'),
      evalTime: '10m',
      expected: [{ labels: '{service="etl", language="java"}', value: 0.25 }],
    });
  });

  it('errors: only a group first seen within the range is new', () => {
    const expr = query('pipelens-errors', 'New groups', 'A', '30m');
    const series = [
      { series: 'pipelens_errors_total{fingerprint="old", service="etl", language="python", type="ValueError"}', values: '1+1x60' },
      { series: 'pipelens_errors_total{fingerprint="new", service="etl", language="r", type="simpleError"}', values: '_x40 1+1x20' },
    ];
    assertEvaluates('new-groups', { series, expr, evalTime: '50m', expected: [{ labels: '{}', value: 1 }] });
    // Before the new group appears, nothing is new (count of nothing is no sample).
    assertEvaluates('no-new-groups', { series, expr, evalTime: '35m', expected: [] });
  });

  it('alerts: firing count includes alerts without a severity label, 0 when none fire', () => {
    const expr = query('pipelens-alerts', 'Firing');
    assertEvaluates('firing', {
      series: [
        { series: 'ALERTS{alertname="PipelineFailing", alertstate="firing", severity="critical"}', values: '1x20' },
        { series: 'ALERTS{alertname="DriftDetected", alertstate="firing"}', values: '1x20' },
        { series: 'ALERTS{alertname="SlowStep", alertstate="pending"}', values: '1x20' },
      ],
      expr, evalTime: '10m', expected: [{ labels: '{}', value: 2 }],
    });
    assertEvaluates('none-firing', {
      series: [{ series: 'ALERTS{alertname="SlowStep", alertstate="pending"}', values: '1x20' }],
      expr, evalTime: '10m', expected: [{ labels: '{}', value: 0 }],
    });
  });

  it('a wrong expectation fails (the harness can fail)', () => {
    const r = promtoolTest('wrong', {
      series: [spans('service="etl", language="java", status_code="ok"', '0+60x20')],
      expr: query('pipelens-overview', 'Runs per second'),
      evalTime: '10m',
      expected: [{ labels: '{service="etl", language="java"}', value: 3 }],
    });
    assert.notEqual(r.code, 0);
  });
});
