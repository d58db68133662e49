import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { Board, instant, range, statPanel, timeSeries } from '../panels';
import { labelVariable } from '../variables';

export const SELF_UID = 'pipelens-self';

const I = 'instance=~"$instance"';

export function self(): Dashboard {
  return new Board(SELF_UID, 'pipelens / Collector',
    'pipelens itself: ingest rates per signal and protocol, rejections by reason, ingest queue, store size and commits, rule evaluation time.')
    .variable(labelVariable('instance', 'Collector instance', 'pipelens_ingest_queue_limit_bytes'))
    .row('Ingest')
    .panel(statPanel('Items accepted /s', 'short', 'Items (spans, data points, log records) durably stored per second.',
      instant(`sum(rate(pipelens_ingest_items_accepted_total{${I}}[5m]))`, 'accepted')))
    .panel(statPanel('Rejected share', 'percentunit', 'Items refused / items received over the last 5 minutes.',
      instant(`sum(rate(pipelens_ingest_items_rejected_total{${I}}[5m])) / sum(rate(pipelens_ingest_items_received_total{${I}}[5m]))`, 'rejected'),
      [{ value: null, color: 'green' }, { value: 0.001, color: 'orange' }, { value: 0.01, color: 'red' }]))
    .panel(statPanel('Queue fill', 'percentunit', 'Bytes waiting for the store / queue limit; at 100% items are refused with queue_full.',
      instant(`max(pipelens_ingest_queue_bytes{${I}} / pipelens_ingest_queue_limit_bytes{${I}})`, 'queue'),
      [{ value: null, color: 'green' }, { value: 0.5, color: 'orange' }, { value: 0.9, color: 'red' }]))
    .panel(statPanel('Store on disk', 'bytes', 'Size of the store on disk (refreshed every 15 s).',
      instant(`sum(pipelens_store_disk_bytes{${I}})`, 'disk')))
    .panel(timeSeries('Items received per second', 'short', 'Items in decoded requests per signal and protocol.',
      range(`sum by (signal, protocol) (rate(pipelens_ingest_items_received_total{${I}}[$__rate_interval]))`, '{{signal}} {{protocol}}')))
    .panel(timeSeries('Items accepted per second', 'short', 'Items durably stored per signal and protocol.',
      range(`sum by (signal, protocol) (rate(pipelens_ingest_items_accepted_total{${I}}[$__rate_interval]))`, '{{signal}} {{protocol}}')))
    .row('Rejections')
    .panel(timeSeries('Items rejected by reason', 'short', 'Items refused per second (invalid, queue_full, unavailable) per signal and protocol.',
      range(`sum by (reason, signal, protocol) (rate(pipelens_ingest_items_rejected_total{${I}}[$__rate_interval]))`, '{{reason}} {{signal}} {{protocol}}')))
    .panel(timeSeries('Requests rejected by reason', 'short', 'Whole requests refused per second (malformed, too_large, unauthenticated…) per signal and protocol.',
      range(`sum by (reason, signal, protocol) (rate(pipelens_ingest_requests_rejected_total{${I}}[$__rate_interval]))`, '{{reason}} {{signal}} {{protocol}}')))
    .row('Queue and store')
    .panel(timeSeries('Ingest queue', 'bytes', 'Bytes waiting for the store and the queue limit.',
      range(`sum(pipelens_ingest_queue_bytes{${I}})`, 'queued', 'A'),
      range(`sum(pipelens_ingest_queue_limit_bytes{${I}})`, 'limit', 'B')).min(0))
    .panel(timeSeries('Store size', 'bytes', 'Store size on disk.',
      range(`sum(pipelens_store_disk_bytes{${I}})`, 'disk')).min(0))
    .panel(timeSeries('Stored items by signal', 'short', 'Items in the store per signal, and items deleted by retention since start.',
      range(`sum by (signal) (pipelens_store_items{${I}})`, '{{signal}}', 'A'),
      range(`sum(pipelens_store_retention_deleted{${I}})`, 'deleted by retention', 'B')))
    .panel(timeSeries('Commit latency and failures', 's', 'Mean time to write and make a group commit durable, and failed commits per second (right axis).',
      range(`sum(rate(pipelens_store_commit_latency_seconds_sum{${I}}[$__rate_interval])) / sum(rate(pipelens_store_commit_latency_seconds_count{${I}}[$__rate_interval]))`, 'mean latency', 'A'),
      range(`sum(rate(pipelens_store_commit_failures_total{${I}}[$__rate_interval]))`, 'failures/s', 'B'))
      .overrideByName('failures/s', [{ id: 'custom.axisPlacement', value: 'right' }, { id: 'unit', value: 'ops' }]))
    .panel(timeSeries('Items per commit', 'short', 'Mean items and batches grouped into one store commit.',
      range(`sum(rate(pipelens_store_commit_items_sum{${I}}[$__rate_interval])) / sum(rate(pipelens_store_commit_items_count{${I}}[$__rate_interval]))`, 'items', 'A'),
      range(`sum(rate(pipelens_store_commit_batches_sum{${I}}[$__rate_interval])) / sum(rate(pipelens_store_commit_batches_count{${I}}[$__rate_interval]))`, 'batches', 'B')))
    .row('Rules')
    .panel(timeSeries('Rule group evaluation time', 's', 'Duration of the last evaluation of each rule group, against its interval.',
      range('max by (rule_group) (pipelens_rule_group_last_duration_seconds{' + I + '})', '{{rule_group}}', 'A'),
      range('max by (rule_group) (pipelens_rule_group_interval_seconds{' + I + '})', 'interval {{rule_group}}', 'B'))
      .overrideByRegexp('^interval .*', [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }]))
    .panel(timeSeries('Rule evaluation failures', 'short', 'Failed rule evaluations per second by rule group (errors are listed in /api/v1/rules).',
      range(`sum by (rule_group) (rate(pipelens_rule_evaluation_failures_total{${I}}[$__rate_interval]))`, '{{rule_group}}')))
    .build();
}
