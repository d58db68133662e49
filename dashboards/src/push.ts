import { JAEGER_UID, PROMETHEUS_UID, ZIPKIN_UID } from './datasources';
import { allDashboards } from './index';
import { checkUrl, resolveUrls, type ProvisioningOptions } from './provisioning';

/** Grafana's HTTP API data source body for each provisioned data source. */
export function datasourceBodies(o: ProvisioningOptions): Record<string, unknown>[] {
  const urls = resolveUrls(o);
  return [
    { name: 'pipelens Prometheus', type: 'prometheus', uid: PROMETHEUS_UID, access: 'proxy', url: urls.prometheus,
      isDefault: true, jsonData: { httpMethod: 'POST', timeInterval: '15s' } },
    { name: 'pipelens Zipkin', type: 'zipkin', uid: ZIPKIN_UID, access: 'proxy', url: urls.zipkin },
    { name: 'pipelens Jaeger', type: 'jaeger', uid: JAEGER_UID, access: 'proxy', url: urls.jaeger },
  ];
}

export class PushError extends Error {}

export interface PushOptions extends ProvisioningOptions {
  grafanaUrl: string;
  /** Value of the Authorization header (`Bearer <service account token>` or `Basic …`), if any. */
  authorization?: string;
  timeoutMs?: number;
}

/**
 * Creates or updates the data sources (by uid), the `pipelens` folder and every dashboard through
 * Grafana's HTTP API. Returns one line per object; throws naming the request that failed.
 */
export async function push(o: PushOptions): Promise<string[]> {
  const base = checkUrl('--grafana-url', o.grafanaUrl).toString().replace(/\/+$/, '');
  const call = async (method: string, path: string, body: unknown): Promise<{ status: number; text: string }> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (o.authorization) headers.Authorization = o.authorization;
    let res: Response;
    try {
      res = await fetch(base + path, {
        method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new PushError(`${method} ${base}${path}: ${e instanceof Error ? e.message : e}`);
    }
    return { status: res.status, text: await res.text() };
  };
  const fail = (what: string, r: { status: number; text: string }) =>
    new PushError(`${what}: Grafana answered ${r.status}${r.status === 401 || r.status === 403 ? ' (check GRAFANA_TOKEN)' : ''}: ${r.text.slice(0, 300)}`);

  const done: string[] = [];
  for (const ds of datasourceBodies(o)) {
    const created = await call('POST', '/api/datasources', ds);
    if (created.status === 200) {
      done.push(`data source ${ds.uid}: created`);
    } else if (created.status === 409) {
      const updated = await call('PUT', `/api/datasources/uid/${ds.uid}`, ds);
      if (updated.status !== 200) throw fail(`PUT /api/datasources/uid/${ds.uid}`, updated);
      done.push(`data source ${ds.uid}: updated`);
    } else {
      throw fail('POST /api/datasources', created);
    }
  }
  const folder = await call('POST', '/api/folders', { uid: 'pipelens', title: 'pipelens' });
  if (folder.status !== 200 && folder.status !== 409 && folder.status !== 412) throw fail('POST /api/folders', folder);
  done.push(`folder pipelens: ${folder.status === 200 ? 'created' : 'exists'}`);
  for (const { dashboard } of allDashboards()) {
    const r = await call('POST', '/api/dashboards/db', {
      dashboard: { ...dashboard, id: null }, folderUid: 'pipelens', overwrite: true, message: 'pipelens dashboards push',
    });
    if (r.status !== 200) throw fail(`POST /api/dashboards/db (${dashboard.uid})`, r);
    done.push(`dashboard ${dashboard.uid}: saved`);
  }
  return done;
}
