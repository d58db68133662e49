import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type Panel,
  type Threshold,
  type VariableModel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS } from './datasources';

/** Common tags so the dashboards find each other (links) and can be searched for. */
export const TAG = 'pipelens';

/** A Prometheus range query plotted over time. */
export function range(expr: string, legend: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr).legendFormat(legend).range();
}

/** A Prometheus instant query shown as a table (one row per series, labels as columns). */
export function instantTable(expr: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr)
    .instant().format(PromQueryFormat.Table).legendFormat('__auto');
}

/** A single-number Prometheus instant query for stat panels. */
export function instant(expr: string, legend: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().datasource(PROMETHEUS).refId(refId).expr(expr).legendFormat(legend).instant();
}

export function tableLegend(): common.VizLegendOptionsBuilder {
  return new common.VizLegendOptionsBuilder().showLegend(true)
    .displayMode(common.LegendDisplayMode.Table).placement(common.LegendPlacement.Bottom)
    .calcs(['mean', 'max', 'lastNotNull']);
}

export function timeSeries(title: string, unit: string, description: string,
  ...targets: DataqueryBuilder[]): timeseries.PanelBuilder {
  const p = new timeseries.PanelBuilder().title(title).description(description).unit(unit)
    .datasource(PROMETHEUS).height(8).span(12).fillOpacity(10).lineWidth(1)
    .legend(tableLegend());
  targets.forEach((t) => p.withTarget(t));
  return p;
}

export function statPanel(title: string, unit: string, description: string, target: DataqueryBuilder,
  thresholds?: Threshold[]): stat.PanelBuilder {
  const p = new stat.PanelBuilder().title(title).description(description).unit(unit)
    .datasource(PROMETHEUS).height(4).span(6).withTarget(target)
    .graphMode(common.BigValueGraphMode.None)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (thresholds) {
    p.thresholds(new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(thresholds));
  }
  return p;
}

export function tablePanel(title: string, description: string, ...targets: DataqueryBuilder[]): table.PanelBuilder {
  const p = new table.PanelBuilder().title(title).description(description)
    .datasource(PROMETHEUS).height(9).span(12)
    // Instant table queries carry a Time column and one "Value" per query: keep the labels + values.
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } });
  targets.forEach((t) => p.withTarget(t));
  return p;
}

export function link(title: string, url: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title).type(DashboardLinkType.Link).url(url)
    .targetBlank(false).keepTime(false).includeVars(false);
}

/** Link in the dashboard header to another pipelens dashboard, carrying time range and variables. */
export function dashboardLink(title: string, uid: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title).type(DashboardLinkType.Link).url(`/d/${uid}`)
    .keepTime(true).includeVars(true).targetBlank(false);
}

/** Builds a dashboard, numbering panels (rows included) 1, 2, 3… in the order they are added. */
export class Board {
  private nextId = 1;
  readonly builder: DashboardBuilder;

  constructor(uid: string, title: string, description: string) {
    this.builder = new DashboardBuilder(title).uid(uid).description(description)
      .tags([TAG]).editable().timezone('browser').refresh('1m')
      .time({ from: 'now-6h', to: 'now' }).tooltip(DashboardCursorSync.Crosshair);
  }

  variable(v: cog.Builder<VariableModel>): this {
    this.builder.withVariable(v);
    return this;
  }

  row(title: string): this {
    this.builder.withRow(new RowBuilder(title).id(this.nextId++));
    return this;
  }

  panel<T extends cog.Builder<Panel> & { id(id: number): unknown }>(p: T): this {
    p.id(this.nextId++);
    this.builder.withPanel(p);
    return this;
  }

  build(): Dashboard {
    return this.builder.build();
  }
}
