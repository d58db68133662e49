import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  Board, dashboardLink, instant, link, instantTable, range, statPanel, tablePanel, timeSeries,
} from '../panels';
import { errorLanguageVariable, errorServiceVariable, labelVariable } from '../variables';

export const ERRORS_UID = 'pipelens-errors';

const SEL = 'service=~"$service", language=~"$language", fingerprint=~"$fingerprint"';

/**
 * Groups present now but without a series `$__range` ago, i.e. first seen in the selected range
 * (cumulative counters: a group that existed before the range still has a series then). After a
 * collector restart every group looks new until the range slides past the restart.
 */
const NEW_GROUPS = `sum by (fingerprint, type, service, language) (pipelens_errors_total{${SEL}}) unless on (fingerprint) pipelens_errors_total offset $__range`;

export function errors(): Dashboard {
  return new Board(ERRORS_UID, 'pipelens / Errors',
    'Error groups (fingerprints of exception type + normalised stack) over time, new groups and top groups by service and language.')
    .variable(errorServiceVariable())
    .variable(errorLanguageVariable())
    .variable(labelVariable('fingerprint', 'Error group',
      'pipelens_errors_total{service=~"$service", language=~"$language"}'))
    .row('Summary')
    .panel(statPanel('Errors in range', 'short', 'Error occurrences in the selected range.',
      instant(`sum(increase(pipelens_errors_total{${SEL}}[$__range]))`, 'errors')))
    .panel(statPanel('Groups with errors', 'short', 'Distinct error groups with occurrences in the selected range.',
      instant(`count(sum by (fingerprint) (increase(pipelens_errors_total{${SEL}}[$__range])) > 0)`, 'groups')))
    .panel(statPanel('New groups', 'short', 'Error groups first seen in the selected range (no series at its start).',
      instant(`count(${NEW_GROUPS})`, 'new groups'),
      [{ value: null, color: 'green' }, { value: 1, color: 'red' }]))
    .panel(statPanel('Services with errors', 'short', 'Services with error occurrences in the selected range.',
      instant(`count(sum by (service) (increase(pipelens_errors_total{${SEL}}[$__range])) > 0)`, 'services')))
    .row('Over time')
    .panel(timeSeries('Error groups over time', 'ops', 'Occurrences per second of each error group.',
      range(`sum by (fingerprint, type) (rate(pipelens_errors_total{${SEL}}[$__rate_interval]))`, '{{type}} {{fingerprint}}')))
    .panel(timeSeries('Errors by service and language', 'ops', 'Error occurrences per second by service and language.',
      range(`sum by (service, language) (rate(pipelens_errors_total{${SEL}}[$__rate_interval]))`, '{{service}} ({{language}})')))
    .panel(timeSeries('Active error groups', 'short', 'Error groups with occurrences in the last 5 minutes, and groups without a series one hour earlier (new).',
      range(`count(sum by (fingerprint) (increase(pipelens_errors_total{${SEL}}[5m])) > 0)`, 'active groups', 'A'),
      range(`count(sum by (fingerprint) (pipelens_errors_total{${SEL}}) unless on (fingerprint) pipelens_errors_total offset 1h)`, 'new groups (vs 1h ago)', 'B'))
      .min(0).span(24))
    .row('Groups')
    .panel(tablePanel('Top error groups by service and language',
      'Top 20 error groups by occurrences in the selected range.',
      instantTable(`topk(20, sum by (fingerprint, type, service, language) (increase(pipelens_errors_total{${SEL}}[$__range])))`))
      .dataLinks([link('Only this error group',
        `/d/${ERRORS_UID}?\${__url_time_range}&var-fingerprint=\${__data.fields.fingerprint}`)]))
    .panel(tablePanel('New error groups', 'Groups first seen in the selected range, with their occurrence count so far.',
      instantTable(NEW_GROUPS)))
    .builder.links([dashboardLink('Pipelines overview', 'pipelens-overview')])
    .build();
}
