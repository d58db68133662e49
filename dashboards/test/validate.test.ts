import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { PROVISIONED_UIDS } from '../src/datasources';
import {
  datasourceProblems, layoutProblems, metricNames, panelIdProblems, promqlExpressions, variableProblems, variableRefs,
} from '../src/validate';
import { labelVariable } from '../src/variables';

const ts = (id: number, title: string, expr: string, uid = 'pipelens-prometheus') =>
  new timeseries.PanelBuilder().id(id).title(title).datasource({ type: 'prometheus', uid })
    .withTarget(new DataqueryBuilder().refId('A').datasource({ type: 'prometheus', uid }).expr(expr));

describe('dashboard checks catch broken dashboards', () => {
  it('duplicate panel ids, also inside rows', () => {
    const d = new DashboardBuilder('x')
      .withPanel(ts(1, 'a', 'up'))
      .withRow(new RowBuilder('r').id(2).withPanel(ts(1, 'b', 'up')))
      .build();
    assert.deepEqual(panelIdProblems(d), ["panel id 1 used by both 'a' and 'b'"]);
  });

  it('a data source uid that is not provisioned', () => {
    const d = new DashboardBuilder('x').withPanel(ts(1, 'a', 'up', 'grafanacloud-prom')).build();
    assert.deepEqual(datasourceProblems(d, PROVISIONED_UIDS), [
      "panel 'a': data source uid 'grafanacloud-prom' is not provisioned (known: pipelens-prometheus, pipelens-zipkin, pipelens-jaeger)",
      "panel 'a' query A: data source uid 'grafanacloud-prom' is not provisioned (known: pipelens-prometheus, pipelens-zipkin, pipelens-jaeger)",
    ]);
  });

  it('undefined and out-of-order variables; built-ins are fine', () => {
    const d = new DashboardBuilder('x')
      .withVariable(labelVariable('language', 'Language', 'm{service=~"$service"}'))
      .withVariable(labelVariable('service', 'Service', 'm'))
      .withPanel(ts(1, 'a', 'rate(m{service=~"$service", model="${model}"}[$__rate_interval])'))
      .build();
    assert.deepEqual(variableProblems(d), [
      "panels[0].targets[0].expr: references undefined variable '$model'",
      "variable 'language' query.query: references '$service', which is not defined before it",
      "variable 'language' definition: references '$service', which is not defined before it",
    ]);
  });

  it('finds every variable syntax', () => {
    assert.deepEqual(variableRefs('$a ${b} ${c:csv} [[d]] ${__data.fields.x} $__range'),
      ['a', 'b', 'c', 'd', '__data.fields.x', '__range']);
  });

  it('overlapping panels and panels wider than the grid', () => {
    const d = new DashboardBuilder('x')
      .withPanel(ts(1, 'a', 'up').gridPos({ x: 0, y: 0, w: 12, h: 8 }))
      .withPanel(ts(2, 'b', 'up').gridPos({ x: 6, y: 4, w: 20, h: 8 }))
      .build();
    assert.deepEqual(layoutProblems(d), [
      'panel \'b\': gridPos {"x":6,"y":4,"w":20,"h":8} outside the 24-column grid',
      "panels 'a' and 'b' overlap",
    ]);
  });

  it('extracts metric names, not functions, labels or keywords', () => {
    assert.deepEqual(metricNames(
      'histogram_quantile(0.95, sum by (le, service) (rate(a_bucket{x=~"$x", y="b c"}[$__rate_interval])))'
      + ' / on (service) group_left b_total offset 1h unless c or vector(0)'), ['a_bucket', 'b_total', 'c']);
  });

  it('reads the PromQL of label_values variables', () => {
    const d = new DashboardBuilder('x').withVariable(labelVariable('v', 'V', 'metric_x{a="b"}')).build();
    assert.deepEqual(promqlExpressions(d), [{ where: "variable 'v'", expr: 'metric_x{a="b"}' }]);
  });
});
