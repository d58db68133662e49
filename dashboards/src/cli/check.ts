import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDashboards } from '../index';
import { parseArgs, runMain } from './args';

const USAGE = 'node dist/src/cli/check.js [--committed DIR]   (default: generated)';

/** Lists the differences between the committed JSON files and a fresh build; empty when equal. */
export function compareDirs(committedDir: string, freshDir: string): string[] {
  const jsonIn = (d: string) => {
    try {
      return readdirSync(d).filter((f) => f.endsWith('.json')).sort();
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
    const args = parseArgs(process.argv.slice(2), ['committed']);
    const committed = resolve(args.get('committed') ?? 'generated');
    const tmp = mkdtempSync(join(tmpdir(), 'pipelens-dashboards-'));
    try {
      writeDashboards(tmp);
      const problems = compareDirs(committed, tmp);
      if (problems.length > 0) {
        console.error(`generated dashboards are out of date (run \`npm run build\` and commit):\n  ${problems.join('\n  ')}`);
        process.exit(1);
      }
      console.log(`dashboards in ${committed} match a fresh build`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
