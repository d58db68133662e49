import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDashboards } from '../index';
import { DEFAULT_OPTIONS, writeProvisioning } from '../provisioning';
import { parseArgs, runMain } from './args';

const USAGE = 'node dist/src/cli/check.js [--committed DIR] [--provisioning DIR]   (defaults: generated, provisioning)';

/** Lists the differences between committed `*.ext` files and a fresh build; empty when equal. */
export function compareDirs(committedDir: string, freshDir: string, ext = '.json'): string[] {
  const jsonIn = (d: string) => {
    try {
      return readdirSync(d).filter((f) => f.endsWith(ext)).sort();
    } catch {
      return [];
    }
  };
  const committed = jsonIn(committedDir);
  const fresh = jsonIn(freshDir);
  const problems: string[] = [];
  for (const f of fresh) {
    if (!committed.includes(f)) problems.push(`${f}: missing from ${committedDir}`);
    else if (readFileSync(join(committedDir, f), 'utf8') !== readFileSync(join(freshDir, f), 'utf8')) {
      problems.push(`${f}: differs from a fresh build`);
    }
  }
  for (const f of committed) {
    if (!fresh.includes(f)) problems.push(`${f}: in ${committedDir} but no longer built (stale)`);
  }
  return problems;
}

if (require.main === module) {
  runMain(USAGE, () => {
    const args = parseArgs(process.argv.slice(2), ['committed', 'provisioning']);
    const committed = resolve(args.get('committed') ?? 'generated');
    const provisioning = resolve(args.get('provisioning') ?? 'provisioning');
    const tmp = mkdtempSync(join(tmpdir(), 'pipelens-dashboards-'));
    try {
      writeDashboards(join(tmp, 'generated'));
      writeProvisioning(join(tmp, 'provisioning'), DEFAULT_OPTIONS);
      const problems = [
        ...compareDirs(committed, join(tmp, 'generated')),
        ...['datasources', 'dashboards'].flatMap((d) =>
          compareDirs(join(provisioning, d), join(tmp, 'provisioning', d), '.yaml').map((p) => `${d}/${p}`)),
      ];
      if (problems.length > 0) {
        console.error('generated files are out of date (run `npm run build` and commit):\n  ' + problems.join('\n  '));
        process.exit(1);
      }
      console.log(`${committed} and ${provisioning} match a fresh build`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
