import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function walkUp(from: string, found: (dir: string) => boolean, what: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (found(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`${what} not found above ${from}`);
  }
}

/** The dashboards/ project root (tests run compiled from dist/test). */
export const PROJECT_DIR = walkUp(__dirname, (d) => {
  const pkg = join(d, 'package.json');
  return existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'pipelens-dashboards';
}, 'pipelens-dashboards package.json');

/** The repository's docs/ folder. */
export const DOCS_DIR = join(walkUp(PROJECT_DIR, (d) => existsSync(join(d, 'docs', 'metrics.md')), 'docs/metrics.md'), 'docs');
