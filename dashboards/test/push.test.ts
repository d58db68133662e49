import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_DIR } from './paths';

/**
 * A minimal stand-in for Grafana's HTTP API (the endpoints push uses, with Grafana's status codes:
 * 409 for an existing data source name or folder uid, 401 without the right token).
 */
class FakeGrafana {
  readonly datasources = new Map<string, Record<string, unknown>>();
  readonly folders = new Set<string>();
  readonly dashboards = new Map<string, { dashboard: Record<string, unknown>; folderUid: string; overwrite: boolean }>();
  readonly server: Server = createServer((req, res) => {
    void this.handle(req).then(([status, body]) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });

  url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (req.headers.authorization !== 'Bearer secret-token') return [401, { message: 'Unauthorized' }];
    if (req.headers['content-type'] !== 'application/json') return [415, { message: 'bad content type' }];
    const body = JSON.parse(text) as Record<string, unknown>;
    const route = `${req.method} ${req.url}`;
    if (route === 'POST /api/datasources') {
      if ([...this.datasources.values()].some((d) => d.name === body.name)) {
        return [409, { message: 'data source with the same name already exists' }];
      }
      this.datasources.set(String(body.uid), body);
      return [200, { message: 'Datasource added' }];
    }
    const put = /^PUT \/api\/datasources\/uid\/(.+)$/.exec(route);
    if (put) {
      if (!this.datasources.has(put[1])) return [404, { message: 'Data source not found' }];
      this.datasources.set(put[1], body);
      return [200, { message: 'Datasource updated' }];
    }
    if (route === 'POST /api/folders') {
      if (this.folders.has(String(body.uid))) return [409, { message: 'a folder with the same uid already exists' }];
      this.folders.add(String(body.uid));
      return [200, { uid: body.uid }];
    }
    if (route === 'POST /api/dashboards/db') {
      const b = body as { dashboard: Record<string, unknown>; folderUid: string; overwrite: boolean };
      if (!this.folders.has(b.folderUid)) return [400, { message: 'folder not found' }];
      this.dashboards.set(String(b.dashboard.uid), b);
      return [200, { status: 'success', uid: b.dashboard.uid }];
    }
    return [404, { message: `no route ${route}` }];
  }
}

function push(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_DIR, 'dist', 'src', 'cli', 'push.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { err += d; });
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe('npm run push against a fake Grafana', () => {
  const grafana = new FakeGrafana();
  before(() => new Promise<void>((r) => grafana.server.listen(0, '127.0.0.1', r)));
  after(() => new Promise<void>((r) => grafana.server.close(() => r())));

  it('creates data sources, folder and dashboards, then updates them on a second run', async () => {
    const args = ['--grafana-url', grafana.url(), '--collector-url', 'http://collector:8080'];
    const first = await push({ GRAFANA_TOKEN: 'secret-token' }, ...args);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /data source pipelens-prometheus: created/);
    assert.deepEqual([...grafana.datasources.keys()], ['pipelens-prometheus', 'pipelens-zipkin', 'pipelens-jaeger']);
    assert.equal(grafana.datasources.get('pipelens-zipkin')?.url, 'http://collector:9411');
    assert.deepEqual([...grafana.dashboards.keys()].sort(),
      ['pipelens-alerts', 'pipelens-drift', 'pipelens-errors', 'pipelens-overview', 'pipelens-self']);
    const committed = JSON.parse(readFileSync(join(PROJECT_DIR, 'generated', 'pipelens-overview.json'), 'utf8'));
    const saved = grafana.dashboards.get('pipelens-overview');
    assert.deepEqual(saved?.dashboard, { ...committed, id: null });
    assert.equal(saved?.folderUid, 'pipelens');
    assert.equal(saved?.overwrite, true);

    const second = await push({ GRAFANA_TOKEN: 'secret-token' }, ...args, '--prometheus-url', 'http://prom:9090');
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /data source pipelens-prometheus: updated/);
    assert.match(second.out, /folder pipelens: exists/);
    assert.equal(grafana.datasources.get('pipelens-prometheus')?.url, 'http://prom:9090');
  });

  it('reports a refused token', async () => {
    const r = await push({ GRAFANA_TOKEN: 'wrong' }, '--grafana-url', grafana.url(), '--collector-url', 'http://c:8080');
    assert.equal(r.code, 1);
    assert.match(r.err, /error: POST \/api\/datasources: Grafana answered 401 \(check GRAFANA_TOKEN\)/);
  });

  it('reports an unreachable Grafana and bad options', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await push({}, '--grafana-url', `http://127.0.0.1:${port}`, '--collector-url', 'http://c:8080');
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`error: POST http://127\\.0\\.0\\.1:${port}/api/datasources: fetch failed`));
    const bad = await push({}, '--grafana-url', 'grafana:3000', '--collector-url', 'http://c:8080');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /error: --grafana-url: expected an http or https URL, got 'grafana:3000'/);
    const missing = await push({}, '--collector-url', 'http://c:8080');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /error: --grafana-url is required/);
  });
});
