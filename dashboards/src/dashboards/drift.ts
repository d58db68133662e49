import { MappingType, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import { PROMETHEUS } from '../datasources';
import { Board, instant, instantTable, range, statPanel, tablePanel, tableLegend, timeSeries } from '../panels';
import { featureVariable, modelVariable, versionVariable } from '../variables';

export const DRIFT_UID = 'pipelens-drift';

const MV = 'model=~"$model", version=~"$version"';
const MVF = `${MV}, feature=~"$feature"`;

export function drift(): Dashboard {
  return new Board(DRIFT_UID, 'pipelens / Model drift',
    'Per model, version and feature: drift score (test p-value or distance) against its threshold, and the share of drifted features per dataset.')
    .variable(modelVariable())
    .variable(versionVariable())
    .variable(featureVariable())
    .row('Dataset')
    .panel(statPanel('Features drifting now', 'short', 'Features whose latest check detected drift.',
      instant(`sum(pipelens_drift_detected{${MVF}})`, 'features'),
      [{ value: null, color: 'green' }, { value: 1, color: 'red' }]))
    .panel(statPanel('Highest dataset drift share', 'percentunit', 'Highest share of drifted features over the selected models/versions.',
      instant(`max(pipelens_drift_dataset_share{${MV}})`, 'share'),
      [{ value: null, color: 'green' }, { value: 0.5, color: 'red' }]))
    .panel(timeSeries('Dataset drift share', 'percentunit', 'Share of features that drifted, per model and version (dataset drift when it reaches the share threshold, default 0.5).',
      range(`pipelens_drift_dataset_share{${MV}}`, '{{model}} {{version}}')).min(0).max(1))
    .row('Features')
    .panel(timeSeries('Drift score vs threshold', 'short',
      'Drift statistic per feature (p-value for tests: drift when below the threshold; distance: drift when at or above it) with its threshold dashed.',
      range(`pipelens_drift_score{${MVF}}`, '{{model}} {{version}} {{feature}} ({{method}})', 'A'),
      range(`pipelens_drift_threshold{${MVF}}`, 'threshold {{model}} {{version}} {{feature}} ({{method}})', 'B'))
      .overrideByRegexp('^threshold .*', [
        { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
        { id: 'custom.fillOpacity', value: 0 },
      ]).span(24))
    .panel(new statetimeline.PanelBuilder().title('Drift detected per feature')
      .description('1 = drift detected by the feature\'s method at its threshold.')
      .datasource(PROMETHEUS).height(8).span(24).legend(tableLegend())
      .withTarget(range(`max by (model, version, feature) (pipelens_drift_detected{${MVF}})`, '{{model}} {{version}} {{feature}}'))
      .mappings([{ type: MappingType.ValueToText, options: { '0': { text: 'no drift', color: 'green' }, '1': { text: 'drift', color: 'red' } } }]))
    .panel(tablePanel('Latest check per feature', 'Score, threshold and verdict of the latest check of every feature.',
      instantTable(`pipelens_drift_score{${MVF}}`, 'A'),
      instantTable(`pipelens_drift_threshold{${MVF}}`, 'B'),
      instantTable(`pipelens_drift_detected{${MVF}}`, 'C'))
      .span(24)
      .overrideByName('Value #A', [{ id: 'displayName', value: 'score' }])
      .overrideByName('Value #B', [{ id: 'displayName', value: 'threshold' }])
      .overrideByName('Value #C', [{ id: 'displayName', value: 'drift' }]))
    .row('Retraining')
    .panel(timeSeries('Retraining triggers', 'short',
      'Retraining actions run because of drift, per model, action (command, webhook, amqp) and outcome (success, failure, timeout), per interval.',
      range(`sum by (model, action, outcome) (increase(pipelens_drift_retrain_triggers_total{model=~"$model"}[$__rate_interval]))`,
        '{{model}} {{action}} {{outcome}}')).min(0)
      .overrideByRegexp('.* (failure|timeout)$', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }]))
    .panel(tablePanel('Retraining triggers in range', 'Actions run per model, action and outcome in the selected range (the counter is rebuilt from the audit log at start, so it survives restarts).',
      instantTable(`sum by (model, action, outcome) (increase(pipelens_drift_retrain_triggers_total{model=~"$model"}[$__range])) > 0`)))
    .build();
}
