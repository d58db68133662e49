import { ProvisioningError } from '../provisioning';
import { push, PushError } from '../push';
import { parseArgs, UsageError } from './args';

const USAGE = 'GRAFANA_TOKEN=… npm run push -- --grafana-url URL --collector-url URL [--prometheus-url URL]'
  + ' [--zipkin-url URL] [--jaeger-url URL]   (or GRAFANA_USER/GRAFANA_PASSWORD for basic auth)';

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2), ['grafana-url', 'collector-url', 'prometheus-url', 'zipkin-url', 'jaeger-url']);
  const grafanaUrl = a.get('grafana-url');
  const collectorUrl = a.get('collector-url');
  if (!grafanaUrl) throw new UsageError('--grafana-url is required');
  if (!collectorUrl) throw new UsageError('--collector-url is required');
  const env = process.env;
  const authorization = env.GRAFANA_TOKEN ? `Bearer ${env.GRAFANA_TOKEN}`
    : env.GRAFANA_USER ? `Basic ${Buffer.from(`${env.GRAFANA_USER}:${env.GRAFANA_PASSWORD ?? ''}`).toString('base64')}`
      : undefined;
  const lines = await push({
    grafanaUrl, collectorUrl, authorization,
    prometheusUrl: a.get('prometheus-url'), zipkinUrl: a.get('zipkin-url'), jaegerUrl: a.get('jaeger-url'),
  });
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ProvisioningError) {
    console.error(`error: ${e.message}\nusage: ${USAGE}`);
    process.exit(2);
  }
  console.error(e instanceof PushError ? `error: ${e.message}` : e);
  process.exit(1);
});
