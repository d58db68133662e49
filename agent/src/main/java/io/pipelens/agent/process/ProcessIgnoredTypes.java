package io.pipelens.agent.process;

import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesBuilder;
import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesConfigurer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/**
 * The agent ignores {@code java.*} classes by default; let ProcessBuilder and the JDK's process
 * class through, but not their nested classes (Redirect, streams, ...), so no other
 * instrumentation starts matching them.
 */
public final class ProcessIgnoredTypes implements IgnoredTypesConfigurer {

  @Override
  public void configure(IgnoredTypesBuilder builder, ConfigProperties config) {
    builder.allowClass("java.lang.ProcessBuilder").ignoreClass("java.lang.ProcessBuilder$");
    for (String processClass : ProcessExitInstrumentation.PROCESS_CLASSES) {
      builder.allowClass(processClass).ignoreClass(processClass + "$");
    }
  }
}
