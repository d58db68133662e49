package io.pipelens.agent.process;

import java.lang.reflect.Method;

/** {@code Process.pid()} where the JDK has it (Java 9+), looked up reflectively. */
final class Pids {

  private static final Method PID = lookUp();

  private Pids() {}

  static Long of(Process process) {
    if (PID == null) {
      return null;
    }
    try {
      return (Long) PID.invoke(process);
    } catch (Throwable unsupported) {
      return null; // custom Process implementations may throw UnsupportedOperationException
    }
  }

  private static Method lookUp() {
    try {
      return Process.class.getMethod("pid");
    } catch (Throwable notJava9) {
      return null;
    }
  }
}
