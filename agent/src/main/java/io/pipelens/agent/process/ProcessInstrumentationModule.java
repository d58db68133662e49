package io.pipelens.agent.process;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Trace context into child processes. Disable with {@code
 * OTEL_INSTRUMENTATION_PIPELENS_PROCESS_ENABLED=false}.
 *
 * <p>Without the Gradle muzzle plugin nothing detects helper classes for us, so every class the
 * advice reaches is listed in {@link #HELPERS} (a unit test checks the list is complete); the
 * agent injects them into the bootstrap class loader before ProcessBuilder is transformed.
 */
public final class ProcessInstrumentationModule extends InstrumentationModule {

  static final List<String> HELPERS =
      Collections.unmodifiableList(
          Arrays.asList(
              "io.pipelens.agent.context.EnvCarrier",
              "io.pipelens.agent.context.EnvCarrier$MapSetter",
              "io.pipelens.agent.context.EnvCarrier$EnvGetter",
              "io.pipelens.agent.process.ChildProcessTracer",
              "io.pipelens.agent.process.ChildRun",
              "io.pipelens.agent.process.ChildProcessFailedException",
              "io.pipelens.agent.process.CommandRedactor",
              "io.pipelens.agent.process.ExitWatcher",
              "io.pipelens.agent.process.ExitWatcher$Callback",
              "io.pipelens.agent.process.ExitWatcher$Waiter",
              "io.pipelens.agent.process.Pids"));

  public ProcessInstrumentationModule() {
    super("pipelens-process");
  }

  @Override
  public boolean isIndyModule() {
    return false; // classic inlined advice: works for bootstrap classes on every agent setting
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return HELPERS;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ProcessBuilderInstrumentation(), new ProcessExitInstrumentation());
  }
}
