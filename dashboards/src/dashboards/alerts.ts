import { MappingType, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import { PROMETHEUS } from '../datasources';
import { Board, instant, instantTable, range, statPanel, tablePanel, tableLegend, timeSeries } from '../panels';
import { labelVariable } from '../variables';

export const ALERTS_UID = 'pipelens-alerts';

const A = 'alertname=~"$alertname", severity=~"$severity"';
const N = 'receiver=~"$receiver", integration=~"$integration"';

export function alerts(): Dashboard {
  return new Board(ALERTS_UID, 'pipelens / Alerts',
    'Alert rule state from the ALERTS series (firing / pending over time) and notification delivery per receiver and integration.')
    .variable(labelVariable('alertname', 'Alert', 'ALERTS'))
    .variable(labelVariable('severity', 'Severity', 'ALERTS{alertname=~"$alertname"}'))
    .variable(labelVariable('receiver', 'Receiver', 'pipelens_notifications_total'))
    .variable(labelVariable('integration', 'Integration', 'pipelens_notifications_total{receiver=~"$receiver"}'))
    .row('Alerts')
    .panel(statPanel('Firing', 'short', 'Alerts firing now.',
      instant(`count(ALERTS{alertstate="firing", ${A}}) or vector(0)`, 'firing'),
      [{ value: null, color: 'green' }, { value: 1, color: 'red' }]))
    .panel(statPanel('Pending', 'short', 'Alerts whose condition holds but not yet for the rule\'s `for` duration.',
      instant(`count(ALERTS{alertstate="pending", ${A}}) or vector(0)`, 'pending'),
      [{ value: null, color: 'green' }, { value: 1, color: 'orange' }]))
    .panel(statPanel('Notifications failed in range', 'short', 'Notifications given up after all retries, in the selected range.',
      instant(`sum(increase(pipelens_notifications_total{outcome="failed", ${N}}[$__range])) or vector(0)`, 'failed'),
      [{ value: null, color: 'green' }, { value: 1, color: 'red' }]))
    .panel(statPanel('Notifications sent in range', 'short', 'Notifications delivered to their receiver in the selected range.',
      instant(`sum(increase(pipelens_notifications_total{outcome="sent", ${N}}[$__range])) or vector(0)`, 'sent')))
    .panel(timeSeries('Firing and pending alerts', 'short', 'Number of alerts per alert name and state.',
      range(`count by (alertname, alertstate) (ALERTS{${A}})`, '{{alertname}} {{alertstate}}')).min(0).span(24))
    .panel(new statetimeline.PanelBuilder().title('Alert state timeline')
      .description('Firing (red) and pending (orange) periods per alert name.')
      .datasource(PROMETHEUS).height(8).span(24).legend(tableLegend())
      .withTarget(range(`max by (alertname) (ALERTS{alertstate="firing", ${A}}) * 2 or max by (alertname) (ALERTS{alertstate="pending", ${A}})`, '{{alertname}}'))
      .mappings([{ type: MappingType.ValueToText, options: { '1': { text: 'pending', color: 'orange' }, '2': { text: 'firing', color: 'red' } } }]))
    .panel(tablePanel('Alerts now', 'Alerts firing or pending now with their labels.',
      instantTable(`ALERTS{${A}}`)).span(24))
    .row('Notifications')
    .panel(timeSeries('Notifications sent per receiver', 'short', 'Notifications delivered per receiver and integration per interval.',
      range(`sum by (receiver, integration) (increase(pipelens_notifications_total{outcome="sent", ${N}}[$__rate_interval]))`, '{{receiver}} / {{integration}}')))
    .panel(timeSeries('Notifications failed per receiver', 'short', 'Notifications given up per receiver and integration per interval.',
      range(`sum by (receiver, integration) (increase(pipelens_notifications_total{outcome="failed", ${N}}[$__rate_interval]))`, '{{receiver}} / {{integration}}')))
    .panel(tablePanel('Notifications by outcome in range', 'Every outcome per receiver and integration in the selected range.',
      instantTable(`sum by (receiver, integration, outcome) (increase(pipelens_notifications_total{${N}}[$__range]))`)).span(24))
    .build();
}
