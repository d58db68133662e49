package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.pipelens.collector.config.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from PEM files on every listener; the OTel SDK exports over https and gRPC+TLS. */
class TlsTest {
  @TempDir static Path dir;
  private static TestCollector c;
  private static byte[] certPem;

  @BeforeAll
  static void start() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    // openssl (Debian package "openssl") makes a throw-away self-signed certificate for 127.0.0.1.
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
        .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    certPem = Files.readAllBytes(cert);
    c = new TestCollector(config -> new CollectorConfig(config.http(), config.otlpGrpc(),
        config.otlpHttp(), config.zipkin(), config.dataDir(), config.ingest(), config.auth(),
        new CollectorConfig.Tls(cert.toString(), key.toString()), config.retention(),
        config.shutdownTimeout(), config.jaeger(), config.derived()));
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void otlpHttpOverTls() {
    String traceId = export(OtlpHttpSpanExporter.builder()
        .setEndpoint("https://127.0.0.1:" + c.collector.ports().otlpHttp() + "/v1/traces")
        .setTrustedCertificates(certPem).build());
    assertThat(c.store.trace(traceId)).hasSize(1);
  }

  @Test
  void otlpGrpcOverTls() {
    String traceId = export(OtlpGrpcSpanExporter.builder()
        .setEndpoint("https://127.0.0.1:" + c.collector.ports().otlpGrpc())
        .setTrustedCertificates(certPem).build());
    assertThat(c.store.trace(traceId)).hasSize(1);
  }

  @Test
  void plainHttpIsNotServed() {
    String traceId = export(OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + c.collector.ports().otlpHttp() + "/v1/traces")
        .setTimeout(5, TimeUnit.SECONDS).build());
    assertThat(c.store.trace(traceId)).isEmpty();
  }

  private static String export(SpanExporter exporter) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try {
      var span = provider.get("tls").spanBuilder("secure").startSpan();
      span.end();
      provider.forceFlush().join(20, TimeUnit.SECONDS);
      return span.getSpanContext().getTraceId();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
