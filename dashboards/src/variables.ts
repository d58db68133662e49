import {
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS } from './datasources';

/**
 * A multi-value Prometheus label variable with "All" = `.*`, so a selector `label=~"$var"` also
 * matches series without the label (e.g. `language` is absent when the SDK language is unknown).
 */
export function labelVariable(name: string, label: string, metricSelector: string): QueryVariableBuilder {
  const query = `label_values(${metricSelector}, ${name})`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query({ qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' })
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

export const serviceVariable = () =>
  labelVariable('service', 'Service', 'pipelens_spans_total');
export const languageVariable = () =>
  labelVariable('language', 'Language', 'pipelens_spans_total{service=~"$service"}');
export const errorServiceVariable = () =>
  labelVariable('service', 'Service', 'pipelens_errors_total');
export const errorLanguageVariable = () =>
  labelVariable('language', 'Language', 'pipelens_errors_total{service=~"$service"}');
export const modelVariable = () =>
  labelVariable('model', 'Model', 'pipelens_drift_score');
export const versionVariable = () =>
  labelVariable('version', 'Version', 'pipelens_drift_score{model=~"$model"}');
export const featureVariable = () =>
  labelVariable('feature', 'Feature', 'pipelens_drift_score{model=~"$model", version=~"$version"}');
