package io.pipelens.agent.errors;

import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.pipelens.agent.config.AgentSettings;

/**
 * Puts {@link UncaughtErrorRecorder} in front of whatever default handler is set when the agent
 * starts (normally none, as premain runs before main). Disable with {@code
 * OTEL_INSTRUMENTATION_PIPELENS_UNCAUGHT_ENABLED=false}.
 */
public final class UncaughtErrorInstaller implements AgentListener {

  static final String ENABLED = "otel.instrumentation.pipelens-uncaught.enabled";

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      if (!AgentSettings.flag(ENABLED, true)) {
        return;
      }
      Thread.UncaughtExceptionHandler existing = Thread.getDefaultUncaughtExceptionHandler();
      if (!(existing instanceof UncaughtErrorRecorder)) {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrorRecorder(existing));
      }
    } catch (Throwable ignored) {
      // e.g. a SecurityManager forbids it: the application runs on without this feature
    }
  }
}
