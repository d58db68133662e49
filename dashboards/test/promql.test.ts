import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { allDashboards } from '../src/index';
import { promqlExpressions, substituteGrafanaIntervals } from '../src/validate';

/*
 * Every PromQL expression goes through the real Prometheus parser: `promtool check rules` on a
 * rule file with one recording rule per expression (Debian package `prometheus`, which CI installs).
 */
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const tmp = mkdtempSync(join(tmpdir(), 'pipelens-promql-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function promtoolCheck(name: string, exprs: { where: string; expr: string }[]) {
  const file = join(tmp, `${name}.rules.yaml`);
  // JSON is valid YAML: no quoting questions for expressions full of quotes and braces.
  writeFileSync(file, JSON.stringify({
    groups: [{ name, rules: exprs.map((e, i) => ({ record: `check:rule_${i}`, expr: substituteGrafanaIntervals(e.expr) })) }],
  }, null, 1));
  const r = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new Error(`cannot run ${PROMTOOL} (Debian package prometheus): ${r.error.message}`);
  return { code: r.status, output: r.stdout + r.stderr };
}

describe('PromQL parsed by promtool', () => {
  for (const { file, dashboard } of allDashboards()) {
    it(`${file}: every query and variable expression parses`, () => {
      const exprs = promqlExpressions(dashboard);
      assert.ok(exprs.length > 5);
      const r = promtoolCheck(dashboard.uid ?? file, exprs);
      if (r.code !== 0) {
        // Name the failing expressions one by one.
        const bad = exprs.filter((e) => promtoolCheck('single', [e]).code !== 0).map((e) => `${e.where}: ${e.expr}`);
        assert.fail(`promtool rejected:\n${bad.join('\n')}\n${r.output}`);
      }
      assert.match(r.output, new RegExp(`SUCCESS: ${exprs.length} rules found`));
    });
  }

  it('rejects a broken expression and a variable outside a string', () => {
    assert.notEqual(promtoolCheck('broken', [{ where: 'x', expr: 'sum by (service (rate(x[5m]))' }]).code, 0);
    assert.notEqual(promtoolCheck('variable', [{ where: 'x', expr: 'topk($n, x)' }]).code, 0);
  });

  it('substitutes Grafana interval variables', () => {
    assert.equal(substituteGrafanaIntervals('rate(x[$__rate_interval]) / increase(y[${__range}] offset $__interval) > $__range_s'),
      'rate(x[5m]) / increase(y[5m] offset 5m) > 300');
  });
});
