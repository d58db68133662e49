package io.pipelens.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvCarrierTest {

  private static final TextMapPropagator W3C =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private static final SpanContext SPAN =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.builder().put("vendor", "v1").build());

  private final Context context =
      Context.root()
          .with(Span.wrap(SPAN))
          .with(Baggage.builder().put("pipeline", "nightly").build());

  @Test
  void writesUpperCaseVariablesAndKeepsTheRestOfTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin");
    env.put("TRACEPARENT", "00-stale");

    Map<String, String> previous = EnvCarrier.inject(W3C, context, env);

    assertThat(env)
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .containsEntry("TRACESTATE", "vendor=v1")
        .containsEntry("BAGGAGE", "pipeline=nightly");
    assertThat(previous).containsEntry("TRACEPARENT", "00-stale").containsEntry("BAGGAGE", null);

    EnvCarrier.restore(previous, env);
    assertThat(env).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("TRACEPARENT", "00-stale"));
  }

  @Test
  void readsTheContextBackFromVariables() {
    Map<String, String> env = new HashMap<>();
    EnvCarrier.inject(W3C, context, env);

    Context extracted = EnvCarrier.extract(W3C, env);

    assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
        .isEqualTo(SPAN.getTraceId());
    assertThat(Span.fromContext(extracted).getSpanContext().getSpanId()).isEqualTo(SPAN.getSpanId());
    assertThat(Baggage.fromContext(extracted).getEntryValue("pipeline")).isEqualTo("nightly");
  }

  @Test
  void variableNamesFollowTheEnvironmentCarrierSpec() {
    assertThat(EnvCarrier.variableName("traceparent")).isEqualTo("TRACEPARENT");
    assertThat(EnvCarrier.variableName("X-B3-TraceId")).isEqualTo("X_B3_TRACEID");
  }
}
