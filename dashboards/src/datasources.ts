import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** Data source uids shared by the dashboards and the provisioning files. */
export const PROMETHEUS_UID = 'pipelens-prometheus';
export const ZIPKIN_UID = 'pipelens-zipkin';
export const JAEGER_UID = 'pipelens-jaeger';

export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: PROMETHEUS_UID };
export const ZIPKIN: DataSourceRef = { type: 'zipkin', uid: ZIPKIN_UID };
export const JAEGER: DataSourceRef = { type: 'jaeger', uid: JAEGER_UID };

/** Every uid the provisioning file defines; panels may only use these. */
export const PROVISIONED_UIDS: readonly string[] = [PROMETHEUS_UID, ZIPKIN_UID, JAEGER_UID];
