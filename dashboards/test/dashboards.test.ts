import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROVISIONED_UIDS } from '../src/datasources';
import { allDashboards } from '../src/index';
import { datasourcesYaml, DEFAULT_OPTIONS } from '../src/provisioning';
import {
  datasourceProblems, flattenPanels, layoutProblems, metricNames, panelIdProblems, promqlExpressions,
  variableProblems,
} from '../src/validate';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DOCS_DIR, PROJECT_DIR } from './paths';

/** The committed JSON, read back: what Grafana actually loads. */
function committed(file: string): Dashboard {
  return JSON.parse(readFileSync(join(PROJECT_DIR, 'generated', file), 'utf8')) as Dashboard;
}

/**
 * Metric names the docs define: every `pipelens_…`/`ALERTS` token in docs/metrics.md,
 * docs/ingest.md and docs/dashboards.md (which lists the metrics not implemented yet), with
 * shorthand suffix columns (`pipelens_store_commit_items`, `_batches`) expanded.
 */
function documentedMetrics(): Set<string> {
  const names = new Set<string>(['ALERTS']);
  for (const doc of ['metrics.md', 'ingest.md', 'dashboards.md']) {
    for (const line of readFileSync(join(DOCS_DIR, doc), 'utf8').split('\n')) {
      let last: string | undefined;
      for (const m of line.matchAll(/`(pipelens_[a-z0-9_]+|_[a-z0-9_]+)/g)) {
        const token = m[1] ?? "";
        if (token.startsWith('pipelens_')) {
          last = token;
          names.add(token);
        } else if (last) {
          names.add(last.slice(0, last.lastIndexOf('_')) + token);
        }
      }
    }
  }
  return names;
}

function isDocumented(name: string, documented: Set<string>): boolean {
  if (documented.has(name)) return true;
  // Histogram / summary / timer series of a documented family.
  const m = /^(.*)_(bucket|sum|count|max)$/.exec(name);
  return m !== null && (documented.has(m[1]) || documented.has(m[1].replace(/_seconds$/, '')));
}

const dashboards = allDashboards();

describe('generated dashboards', () => {
  it('are the five documented dashboards, each written as <uid>.json', () => {
    assert.deepEqual(dashboards.map((d) => d.file), [
      'pipelens-overview.json', 'pipelens-errors.json', 'pipelens-drift.json', 'pipelens-alerts.json', 'pipelens-self.json',
    ]);
  });

  it('are the committed JSON (run `npm run build` after changing src/)', () => {
    for (const { file, dashboard } of dashboards) {
      assert.deepEqual(committed(file), JSON.parse(JSON.stringify(dashboard)), `${file} is stale`);
    }
  });

  it('provision exactly the data source uids the panels may use', () => {
    const yamlUids = [...datasourcesYaml(DEFAULT_OPTIONS).matchAll(/^\s+uid: (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(yamlUids.sort(), [...PROVISIONED_UIDS].sort());
  });

  for (const { file } of dashboards) {
    describe(file, () => {
      const d = committed(file);

      it('has a uid, a title, the pipelens tag and panels', () => {
        assert.equal(`${d.uid}.json`, file);
        assert.match(d.title ?? '', /^pipelens \/ /);
        assert.ok(d.tags?.includes('pipelens'));
        assert.ok(flattenPanels(d).filter((p) => p.type !== 'row').length >= 5, 'at least five panels');
      });

      it('has unique panel ids', () => {
        assert.deepEqual(panelIdProblems(d), []);
      });

      it('has unique panel titles', () => {
        const titles = flattenPanels(d).filter((p) => p.type !== 'row').map((p) => p.title);
        assert.deepEqual(titles.filter((t, i) => titles.indexOf(t) !== i), []);
      });

      it('queries only provisioned data sources', () => {
        assert.deepEqual(datasourceProblems(d, PROVISIONED_UIDS), []);
      });

      it('references only variables it defines', () => {
        assert.deepEqual(variableProblems(d), []);
      });

      it('lays panels out on the grid without overlaps', () => {
        assert.deepEqual(layoutProblems(d), []);
      });

      it('queries only documented metrics', () => {
        const documented = documentedMetrics();
        const unknown = promqlExpressions(d).flatMap(({ where, expr }) =>
          metricNames(expr).filter((n) => !isDocumented(n, documented)).map((n) => `${where}: ${n}`));
        assert.deepEqual(unknown, []);
      });

      it('has balanced brackets and quotes in every PromQL expression', () => {
        for (const { where, expr } of promqlExpressions(d)) {
          const stack: string[] = [];
          const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
          const bare = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
          assert.ok(!bare.includes('"') || /^(?:[^"]*""[^"]*)*$/.test(bare), `${where}: unterminated string`);
          for (const c of bare) {
            if ('([{'.includes(c)) stack.push(c);
            else if (c in pairs) assert.equal(stack.pop(), pairs[c], `${where}: unbalanced '${c}' in ${expr}`);
          }
          assert.deepEqual(stack, [], `${where}: unclosed ${stack.join('')} in ${expr}`);
        }
      });
    });
  }

  it('use the service, language, model and version variables instead of per-entity copies', () => {
    const varsOf = (uid: string) =>
      committed(`${uid}.json`).templating?.list?.map((v) => v.name) ?? [];
    assert.deepEqual(varsOf('pipelens-overview'), ['service', 'language']);
    assert.deepEqual(varsOf('pipelens-errors'), ['service', 'language', 'fingerprint']);
    assert.deepEqual(varsOf('pipelens-drift'), ['model', 'version', 'feature']);
    for (const { file } of dashboards) {
      const d = committed(file);
      for (const v of d.templating?.list ?? []) {
        const filtered = promqlExpressions(d).filter(({ expr }) => expr.includes(`$${v.name}"`));
        assert.ok(filtered.length > 0, `${file}: variable ${v.name} filters no query`);
      }
    }
  });
});
