package io.pipelens.collector.otlp;

/** The three OTLP signals, with their OTLP/HTTP path and gRPC method. */
public enum Signal {
  TRACES("traces", "/v1/traces", "opentelemetry.proto.collector.trace.v1.TraceService"),
  METRICS("metrics", "/v1/metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService"),
  LOGS("logs", "/v1/logs", "opentelemetry.proto.collector.logs.v1.LogsService");

  private final String label;
  private final String httpPath;
  private final String grpcService;

  Signal(String label, String httpPath, String grpcService) {
    this.label = label;
    this.httpPath = httpPath;
    this.grpcService = grpcService;
  }

  /** The {@code signal} metric label. */
  public String label() {
    return label;
  }

  public String httpPath() {
    return httpPath;
  }

  /** Fully qualified gRPC service name; the method is always {@code Export}. */
  public String grpcService() {
    return grpcService;
  }

  public static Signal forHttpPath(String path) {
    for (Signal s : values()) {
      if (s.httpPath.equals(path)) {
        return s;
      }
    }
    return null;
  }

  public static Signal forGrpcService(String service) {
    for (Signal s : values()) {
      if (s.grpcService.equals(service)) {
        return s;
      }
    }
    return null;
  }
}
