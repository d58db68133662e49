package io.pipelens.agent.it;

import static io.pipelens.agent.it.ProtoSpans.attribute;
import static io.pipelens.agent.it.ProtoSpans.event;
import static io.pipelens.agent.it.ProtoSpans.hex;
import static io.pipelens.agent.it.ProtoSpans.named;
import static io.pipelens.agent.it.ProtoSpans.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attaches the built pipelens-javaagent.jar to a real JVM, exactly as users do. */
class PipelensJavaagentIT {

  private static final String TRACEPARENT =
      "^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$";

  private OtlpReceiver receiver;
  private Path agentJar;

  @BeforeEach
  void agentJar() {
    agentJar = AgentRun.agentJar();
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private Map<String, String> agentEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()); // the user's setting wins
    env.put("OTEL_SERVICE_NAME", "agent-it");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    env.put("PIPELENS_INHERITED", "from-the-test");
    return env;
  }

  @Test
  void childProcessesRunInTheAppsTraceAndKeepTheirEnvironment() throws Exception {
    receiver = new OtlpReceiver(0);
    AgentRun app = AgentRun.run(agentJar, agentEnv(), "spawn");

    assertThat(app.exitCode()).as("app exit code; stderr: %s", app.stderr()).isZero();
    assertThat(app.printed("OK_EXIT")).isEqualTo("0");
    assertThat(app.printed("FAIL_EXIT")).isEqualTo("3");
    assertThat(app.printed("START_FAILED")).isEqualTo("IOException");
    assertThat(app.printed("BUILDER_HAS_TRACEPARENT"))
        .as("the application's ProcessBuilder is left as it was")
        .isEqualTo("false");

    AgentRun plain = AgentRun.run(null, agentEnv(), "spawn");
    assertThat(plain.exitCode()).isZero();
    assertThat(withoutTraceIds(app.stdout()))
        .as("apart from trace ids, the app and its children print the same as without the agent")
        .isEqualTo(withoutTraceIds(plain.stdout()));

    String appTrace = app.printed("APP_TRACE");
    String appSpan = app.printed("APP_SPAN");
    String childTraceparent = app.printed("CHILD TP");
    assertThat(childTraceparent).matches(TRACEPARENT);
    assertThat(childTraceparent.split("-")[1]).isEqualTo(appTrace);
    assertThat(app.printed("CHILD CUSTOM")).isEqualTo("custom-value");
    assertThat(app.printed("CHILD INHERITED")).isEqualTo("from-the-test");
    assertThat(app.printed("CHILD PATH_SET")).isEqualTo("yes");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> named(receiver.spans(), "exec sh").size() == 2
            && named(receiver.spans(), "exec pipelens-no-such-tool").size() == 1);
    List<Span> spans = receiver.spans();
    Span ok = execSpanWithExitCode(spans, 0);
    Span failed = execSpanWithExitCode(spans, 3);

    assertThat(hex(ok.getTraceId())).isEqualTo(appTrace);
    assertThat(hex(ok.getParentSpanId())).as("parent is the app's span").isEqualTo(appSpan);
    assertThat(hex(ok.getSpanId()))
        .as("the child's TRACEPARENT names the exec span")
        .isEqualTo(childTraceparent.split("-")[2]);
    assertThat(ok.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(ok.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(ok.getEndTimeUnixNano()).isGreaterThan(ok.getStartTimeUnixNano());
    assertThat(string(ok.getAttributesList(), "process.executable.name")).isEqualTo("sh");
    List<String> args =
        attribute(ok.getAttributesList(), "process.command_args").orElseThrow()
            .getArrayValue().getValuesList().stream().map(AnyValue::getStringValue).toList();
    assertThat(args).startsWith("sh", "-c").endsWith("--password", "****", "DB_TOKEN=****",
        "--epochs", "3");
    assertThat(String.join(" ", args)).doesNotContain("hunter2", "s3cret");

    assertThat(hex(failed.getParentSpanId())).isEqualTo(appSpan);
    assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    Span.Event failure = event(failed, "exception");
    assertThat(string(failure.getAttributesList(), "exception.type"))
        .isEqualTo("io.pipelens.agent.process.ChildProcessFailedException");
    assertThat(string(failure.getAttributesList(), "exception.message"))
        .isEqualTo("sh exited with code 3");
    assertThat(string(failure.getAttributesList(), "exception.stacktrace"))
        .as("the stack trace shows where the app started the child")
        .contains("ChildProcessApp.spawn");

    Span notStarted = named(spans, "exec pipelens-no-such-tool").get(0);
    assertThat(hex(notStarted.getParentSpanId())).isEqualTo(appSpan);
    assertThat(notStarted.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(string(event(notStarted, "exception").getAttributesList(), "exception.type"))
        .isEqualTo("java.io.IOException");
  }

  @Test
  void uncaughtExceptionBecomesAnErrorInTheInheritedTraceAndTheAppStillFailsTheSameWay()
      throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String parentId = "b7ad6b7169203331";
    receiver = OtlpReceiver.onDefaultPortIfFree();
    Map<String, String> env = agentEnv();
    if (receiver.onDefaultPort()) {
      env.remove("OTEL_EXPORTER_OTLP_ENDPOINT"); // then this also proves the pipelens default
    }
    env.put("TRACEPARENT", "00-" + traceId + "-" + parentId + "-01");

    AgentRun withAgent = AgentRun.run(agentJar, env, "crash");
    AgentRun withoutAgent = AgentRun.run(null, env, "crash");

    assertThat(withAgent.exitCode()).isEqualTo(withoutAgent.exitCode()).isEqualTo(1);
    assertThat(withoutAgent.stderr())
        .first()
        .isEqualTo("Exception in thread \"main\" java.lang.IllegalStateException: boom in main");
    assertThat(withAgent.stderr())
        .as("the JDK's report of the crash, unchanged between the agent's own log lines")
        .containsSequence(withoutAgent.stderr());
    assertThat(withAgent.stdout()).isEqualTo(withoutAgent.stdout());

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !named(receiver.spans(), "uncaught exception").isEmpty());
    Span crash = named(receiver.spans(), "uncaught exception").get(0);
    assertThat(hex(crash.getTraceId())).isEqualTo(traceId);
    assertThat(hex(crash.getParentSpanId())).isEqualTo(parentId);
    assertThat(crash.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(string(crash.getAttributesList(), "thread.name")).isEqualTo("main");
    Span.Event exception = event(crash, "exception");
    assertThat(string(exception.getAttributesList(), "exception.type"))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(string(exception.getAttributesList(), "exception.message"))
        .isEqualTo("boom in main");
    assertThat(string(exception.getAttributesList(), "exception.stacktrace"))
        .contains("ChildProcessApp.main");
  }

  private static List<String> withoutTraceIds(List<String> stdout) {
    return stdout.stream()
        .filter(line -> !line.startsWith("APP_") && !line.startsWith("CHILD TP="))
        .toList();
  }

  private static Span execSpanWithExitCode(List<Span> spans, long code) {
    return named(spans, "exec sh").stream()
        .filter(s -> attribute(s.getAttributesList(), "process.exit.code")
            .map(v -> v.getIntValue() == code).orElse(false))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no 'exec sh' span with exit code " + code
            + " in " + spans));
  }
}
