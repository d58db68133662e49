package io.pipelens.example;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link PipelineEnvironment}, started once for all test classes of the run and
 * closed at its end (JUnit closes AutoCloseable values of the root store).
 */
final class PipelineExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PipelineEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(PipelineExtension.class))
        .getOrComputeIfAbsent(PipelineEnvironment.class, key -> {
          PipelineEnvironment env = null;
          try {
            env = new PipelineEnvironment();
            return env.start();
          } catch (java.io.IOException e) {
            closeQuietly(env, e);
            throw new java.io.UncheckedIOException(e);
          } catch (RuntimeException | Error e) {
            closeQuietly(env, e);
            throw e;
          }
        }, PipelineEnvironment.class);
  }

  private static void closeQuietly(PipelineEnvironment env, Throwable failure) {
    if (env != null) {
      try {
        env.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
