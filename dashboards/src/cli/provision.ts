import { resolve } from 'node:path';
import { ProvisioningError, writeProvisioning } from '../provisioning';
import { parseArgs, runMain, UsageError } from './args';

const USAGE = 'npm run provision -- --collector-url URL --out DIR [--prometheus-url URL] [--zipkin-url URL]'
  + ' [--jaeger-url URL] [--dashboards-path PATH] [--token-env VAR]';

runMain(USAGE, () => {
  const a = parseArgs(process.argv.slice(2),
    ['collector-url', 'out', 'prometheus-url', 'zipkin-url', 'jaeger-url', 'dashboards-path', 'token-env']);
  const collectorUrl = a.get('collector-url');
  const out = a.get('out');
  if (!collectorUrl) throw new UsageError('--collector-url is required');
  if (!out) throw new UsageError('--out is required');
  try {
    const files = writeProvisioning(resolve(out), {
      collectorUrl,
      prometheusUrl: a.get('prometheus-url'),
      zipkinUrl: a.get('zipkin-url'),
      jaegerUrl: a.get('jaeger-url'),
      dashboardsPath: a.get('dashboards-path'),
      tokenEnv: a.get('token-env'),
    });
    console.log(`wrote ${files.join(', ')}`);
  } catch (e) {
    if (e instanceof ProvisioningError) throw new UsageError(e.message);
    throw e;
  }
});
