package io.pipelens.agent.process;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Wraps {@code java.lang.ProcessBuilder.start()}, which {@code Runtime.exec} also goes through.
 * The advice is inlined into the JDK class, so it may only reference bootstrap-visible classes:
 * the JDK and {@link ChildProcessTracer} (injected into the bootstrap class loader as a helper).
 */
public final class ProcessBuilderInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.lang.ProcessBuilder");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("start").and(takesArguments(0)).and(isPublic()),
        ProcessBuilderInstrumentation.class.getName() + "$StartAdvice");
  }

  @SuppressWarnings("unused")
  public static final class StartAdvice {

    private StartAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object onEnter(@Advice.This ProcessBuilder builder) {
      return ChildProcessTracer.beforeStart(builder);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter Object run,
        @Advice.This ProcessBuilder builder,
        @Advice.Return Process process,
        @Advice.Thrown Throwable error) {
      ChildProcessTracer.afterStart(run, builder, process, error);
    }
  }
}
