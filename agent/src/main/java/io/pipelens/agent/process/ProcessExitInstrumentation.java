package io.pipelens.agent.process;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Ends a child's span as soon as the application sees it exit ({@code waitFor}, {@code
 * exitValue} on the JDK's process class: {@code ProcessImpl} on Java 9+, {@code UNIXProcess} on
 * Java 8 Unix). {@code Process.onExit()} completes asynchronously and can lose the race against a
 * JVM that exits right after {@code waitFor()} returned.
 */
public final class ProcessExitInstrumentation implements TypeInstrumentation {

  static final String[] PROCESS_CLASSES = {"java.lang.ProcessImpl", "java.lang.UNIXProcess"};

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(PROCESS_CLASSES);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        namedOneOf("waitFor", "exitValue").and(isPublic()),
        ProcessExitInstrumentation.class.getName() + "$ExitSeenAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ExitSeenAdvice {

    private ExitSeenAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Process process) {
      ChildProcessTracer.afterWait(process);
    }
  }
}
