/** Parses `--name value` / `--name=value` options; unknown or valueless options are errors. */
export function parseArgs(argv: string[], known: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (!known.includes(name)) {
      throw new UsageError(`unknown option --${name} (known: ${known.map((k) => '--' + k).join(', ')})`);
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value`);
    }
    out.set(name, value);
  }
  return out;
}

export class UsageError extends Error {}

/** Runs a CLI main, printing a usage error as one line and exiting 2 (1 for other failures). */
export function runMain(usage: string, main: () => void): void {
  try {
    main();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\nusage: ${usage}`);
      process.exit(2);
    }
    console.error(e instanceof Error ? `error: ${e.message}` : e);
    process.exit(1);
  }
}
