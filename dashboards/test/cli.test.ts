import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROJECT_DIR } from './paths';

const CLI = join(PROJECT_DIR, 'dist', 'src', 'cli');
const tmp = mkdtempSync(join(tmpdir(), 'pipelens-dashboards-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(CLI, script), ...args], { cwd: PROJECT_DIR, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run provision', () => {
  it('writes Grafana provisioning files for the given collector', () => {
    const out = join(tmp, 'prov1');
    const r = run('provision.js', '--collector-url', 'https://collector.example:8443/', '--out', out,
      '--dashboards-path', '/srv/grafana/pipelens');
    assert.equal(r.code, 0, r.err);
    const ds = readFileSync(join(out, 'datasources', 'pipelens.yaml'), 'utf8');
    assert.match(ds, /^apiVersion: 1$/m);
    assert.match(ds, /uid: pipelens-prometheus\n {4}access: proxy\n {4}url: "https:\/\/collector\.example:9090"/);
    assert.match(ds, /uid: pipelens-zipkin\n {4}access: proxy\n {4}url: "https:\/\/collector\.example:9411"/);
    assert.match(ds, /uid: pipelens-jaeger\n {4}access: proxy\n {4}url: "https:\/\/collector\.example:16686"/);
    assert.doesNotMatch(ds, /Authorization/);
    const db = readFileSync(join(out, 'dashboards', 'pipelens.yaml'), 'utf8');
    assert.match(db, /type: file\n/);
    assert.match(db, /path: "\/srv\/grafana\/pipelens"/);
  });

  it('takes explicit Prometheus, Zipkin and Jaeger URLs and a token variable', () => {
    const out = join(tmp, 'prov2');
    const r = run('provision.js', '--collector-url=http://c:8080', '--out', out,
      '--prometheus-url', 'http://prom.internal:9090/prometheus/', '--zipkin-url', 'http://zipkin:9411',
      '--jaeger-url', 'http://jaeger:16686', '--token-env', 'PIPELENS_QUERY_TOKEN');
    assert.equal(r.code, 0, r.err);
    const ds = readFileSync(join(out, 'datasources', 'pipelens.yaml'), 'utf8');
    assert.match(ds, /url: "http:\/\/prom\.internal:9090\/prometheus"/);
    assert.match(ds, /url: "http:\/\/zipkin:9411"/);
    assert.match(ds, /url: "http:\/\/jaeger:16686"/);
    assert.match(ds, /httpHeaderName1: Authorization\n {4}secureJsonData:\n {6}httpHeaderValue1: "Bearer \$PIPELENS_QUERY_TOKEN"/);
  });

  const refusals: [string[], string][] = [
    [['--out', 'x'], '--collector-url is required'],
    [['--collector-url', 'http://c:8080'], '--out is required'],
    [['--collector-url', 'localhost:8080', '--out', 'x'], "--collector-url: expected an http or https URL, got 'localhost:8080'"],
    [['--collector-url', 'not a url', '--out', 'x'], "--collector-url: not a URL: 'not a url'"],
    [['--collector-url', 'http://c', '--prometheus-url', 'ftp://p', '--out', 'x'], "--prometheus-url: expected an http or https URL, got 'ftp://p'"],
    [['--collector-url', 'http://c', '--dashboards-path', 'rel/dir', '--out', 'x'], "--dashboards-path: must be an absolute path on the Grafana host, got 'rel/dir'"],
    [['--collector-url', 'http://c', '--token-env', 'bad-name', '--out', 'x'], "--token-env: not an environment variable name: 'bad-name'"],
    [['--collector-url', 'http://c', '--grafana', 'x', '--out', 'x'], 'unknown option --grafana'],
    [['--collector-url'], 'option --collector-url needs a value'],
  ];
  for (const [args, message] of refusals) {
    it(`refuses ${args.join(' ')}`, () => {
      const r = run('provision.js', ...args);
      assert.equal(r.code, 2);
      assert.ok(r.err.includes(`error: ${message}`), r.err);
      assert.match(r.err, /usage: npm run provision/);
      assert.ok(!existsSync(join(PROJECT_DIR, 'x')), 'wrote nothing');
    });
  }
});

describe('npm run check', () => {
  function copy(name: string) {
    const dir = join(tmp, name);
    cpSync(join(PROJECT_DIR, 'generated'), join(dir, 'generated'), { recursive: true });
    cpSync(join(PROJECT_DIR, 'provisioning'), join(dir, 'provisioning'), { recursive: true });
    return { generated: join(dir, 'generated'), provisioning: join(dir, 'provisioning') };
  }
  const check = (d: { generated: string; provisioning: string }) =>
    run('check.js', '--committed', d.generated, '--provisioning', d.provisioning);

  it('passes on the committed files', () => {
    const r = check(copy('same'));
    assert.equal(r.code, 0, r.err);
  });

  it('fails naming an edited, a missing and a stale dashboard and an edited provisioning file', () => {
    const d = copy('changed');
    const overview = join(d.generated, 'pipelens-overview.json');
    writeFileSync(overview, readFileSync(overview, 'utf8').replace('"Runs per second"', '"Runs/s"'));
    rmSync(join(d.generated, 'pipelens-drift.json'));
    writeFileSync(join(d.generated, 'old.json'), '{}');
    const ds = join(d.provisioning, 'datasources', 'pipelens.yaml');
    writeFileSync(ds, readFileSync(ds, 'utf8').replace('9090', '9091'));
    const r = check(d);
    assert.equal(r.code, 1);
    assert.match(r.err, /pipelens-overview\.json: differs from a fresh build/);
    assert.match(r.err, /pipelens-drift\.json: missing from /);
    assert.match(r.err, /old\.json: in .* but no longer built \(stale\)/);
    assert.match(r.err, /datasources\/pipelens\.yaml: differs from a fresh build/);
  });
});

describe('npm run build', () => {
  it('writes every dashboard and removes stale JSON from the output folder', () => {
    const out = join(tmp, 'build');
    cpSync(join(PROJECT_DIR, 'generated'), out, { recursive: true });
    writeFileSync(join(out, 'removed-dashboard.json'), '{}');
    writeFileSync(join(out, 'README.txt'), 'kept');
    const r = run('build.js', '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(out).sort(), [
      'README.txt', 'pipelens-alerts.json', 'pipelens-drift.json', 'pipelens-errors.json',
      'pipelens-overview.json', 'pipelens-self.json',
    ]);
  });
});
