import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { JAEGER_UID, ZIPKIN_UID } from '../datasources';
import {
  Board, dashboardLink, instant, instantTable, link, range, statPanel, tablePanel, timeSeries,
} from '../panels';
import { languageVariable, serviceVariable } from '../variables';
import { ERRORS_UID } from './errors';

export const OVERVIEW_UID = 'pipelens-overview';

const SEL = 'service=~"$service", language=~"$language"';
const ERR_SEL = `${SEL}, status_code="error"`;

/** Explore URL opening a data source; Grafana's `panes` format (schemaVersion 1). */
export function exploreUrl(uid: string, type: string, query: Record<string, string>): string {
  const panes = {
    a: {
      datasource: uid,
      queries: [{ refId: 'A', datasource: { type, uid }, ...query }],
      range: { from: '${__from}', to: '${__to}' },
    },
  };
  // Keep Grafana's ${…} interpolations readable after URL-encoding: Grafana substitutes them first.
  const encoded = encodeURIComponent(JSON.stringify(panes)).replace(/%24%7B([^%]*)%7D/g, '${$1}');
  return `/explore?schemaVersion=1&orgId=1&panes=${encoded}`;
}

function quantile(q: number, by: string): string {
  return `histogram_quantile(${q}, sum by (le, ${by}) (rate(pipelens_span_duration_seconds_bucket{${SEL}}[$__rate_interval])))`;
}

export function overview(): Dashboard {
  const jaegerSearch = exploreUrl(JAEGER_UID, 'jaeger', {
    queryType: 'search', service: '${__data.fields.service}', operation: '${__data.fields.operation}',
  });
  const slowest = tablePanel('Slowest operations (p95 over the range)',
    'Top 15 operations by 95th-percentile span duration over the selected range. Click a row to search its traces in Jaeger or open error groups of the service.',
    instantTable(`topk(15, histogram_quantile(0.95, sum by (le, service, language, operation) (rate(pipelens_span_duration_seconds_bucket{${SEL}}[$__range]))))`))
    .span(24).unit('s')
    .dataLinks([
      link('Traces of ${__data.fields.service} / ${__data.fields.operation} (Jaeger)', jaegerSearch),
      link('Error groups of ${__data.fields.service}',
        `/d/${ERRORS_UID}?\${__url_time_range}&var-service=\${__data.fields.service}`),
    ]);

  return new Board(OVERVIEW_UID, 'pipelens / Pipelines overview',
    'Runs, rate, errors and duration of pipeline steps per service and language, from span-derived RED metrics.')
    .variable(serviceVariable())
    .variable(languageVariable())
    .row('Totals in range')
    .panel(statPanel('Spans (step runs)', 'short', 'Spans received in the selected range (each span is one run of a pipeline step).',
      instant(`sum(increase(pipelens_spans_total{${SEL}}[$__range]))`, 'spans')))
    .panel(statPanel('Error ratio in range', 'percentunit', 'Share of spans with status ERROR in the selected range.',
      instant(`sum(increase(pipelens_spans_total{${ERR_SEL}}[$__range])) / sum(increase(pipelens_spans_total{${SEL}}[$__range]))`, 'error ratio'),
      [{ value: null, color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }]))
    .panel(statPanel('p95 duration', 's', '95th percentile span duration over the selected range.',
      instant(`histogram_quantile(0.95, sum by (le) (rate(pipelens_span_duration_seconds_bucket{${SEL}}[$__range])))`, 'p95')))
    .panel(statPanel('Error groups hit', 'short', 'Distinct error groups (fingerprints) with occurrences in the selected range.',
      instant(`count(sum by (fingerprint) (increase(pipelens_errors_total{${SEL}}[$__range])) > 0)`, 'groups'))
      .dataLinks([link('Error groups', `/d/${ERRORS_UID}?\${__url_time_range}&\${service:queryparam}&\${language:queryparam}`)]))
    .row('Rate and errors per service and language')
    .panel(timeSeries('Runs per second', 'ops', 'Spans (step runs) per second by service and language.',
      range(`sum by (service, language) (rate(pipelens_spans_total{${SEL}}[$__rate_interval]))`, '{{service}} ({{language}})')))
    .panel(timeSeries('Errors per second', 'ops', 'Spans with status ERROR per second by service and language.',
      range(`sum by (service, language) (rate(pipelens_spans_total{${ERR_SEL}}[$__rate_interval]))`, '{{service}} ({{language}})')))
    .panel(timeSeries('Error ratio', 'percentunit', 'Errored spans / all spans by service and language.',
      range(`sum by (service, language) (rate(pipelens_spans_total{${ERR_SEL}}[$__rate_interval])) / sum by (service, language) (rate(pipelens_spans_total{${SEL}}[$__rate_interval]))`,
        '{{service}} ({{language}})')).min(0))
    .panel(timeSeries('Runs per second by span kind', 'ops', 'Spans per second by span kind (server, consumer, internal…) for the selected services.',
      range(`sum by (span_kind) (rate(pipelens_spans_total{${SEL}}[$__rate_interval]))`, '{{span_kind}}')))
    .row('Duration per service and language')
    .panel(timeSeries('Duration p50 / p95 / p99', 's', 'Span duration percentiles by service and language (histogram buckets 5 ms … 1 h).',
      range(quantile(0.5, 'service, language'), 'p50 {{service}} ({{language}})', 'A'),
      range(quantile(0.95, 'service, language'), 'p95 {{service}} ({{language}})', 'B'),
      range(quantile(0.99, 'service, language'), 'p99 {{service}} ({{language}})', 'C')).span(24))
    .row('Operations')
    .panel(slowest)
    .builder.links([
      dashboardLink('Errors', ERRORS_UID),
      link('Traces (Zipkin)', exploreUrl(ZIPKIN_UID, 'zipkin', { queryType: 'traceID', query: '' })),
      link('Traces (Jaeger)', exploreUrl(JAEGER_UID, 'jaeger', { queryType: 'search' })),
    ])
    .build();
}
