import { resolve } from 'node:path';
import { writeDashboards } from '../index';
import { parseArgs, runMain } from './args';

const USAGE = 'node dist/src/cli/build.js [--out DIR]   (default: generated)';

runMain(USAGE, () => {
  const args = parseArgs(process.argv.slice(2), ['out']);
  const dir = resolve(args.get('out') ?? 'generated');
  const files = writeDashboards(dir);
  console.log(`wrote ${files.length} dashboards to ${dir}: ${files.join(', ')}`);
});
