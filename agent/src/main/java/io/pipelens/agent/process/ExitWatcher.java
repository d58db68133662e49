package io.pipelens.agent.process;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Runs a callback once a process has exited: {@code Process.onExit()} on Java 9+ (looked up
 * reflectively, this code is compiled for Java 8), a daemon thread blocked in {@code waitFor()}
 * on Java 8.
 */
final class ExitWatcher {

  private static final Method ON_EXIT = lookUpOnExit();

  private ExitWatcher() {}

  static void whenExited(Process process, Runnable callback) {
    if (ON_EXIT != null) {
      try {
        Object future = ON_EXIT.invoke(process);
        if (future instanceof CompletableFuture) {
          ((CompletableFuture<?>) future).whenComplete(new Callback(callback));
          return;
        }
      } catch (Throwable ignored) {
        // fall through to the waiting thread
      }
    }
    Thread waiter = new Thread(new Waiter(process, callback), "pipelens-process-exit-watcher");
    waiter.setDaemon(true);
    waiter.start();
  }

  private static Method lookUpOnExit() {
    try {
      return Process.class.getMethod("onExit");
    } catch (Throwable notJava9) {
      return null;
    }
  }

  static final class Callback implements BiConsumer<Object, Throwable> {
    private final Runnable callback;

    Callback(Runnable callback) {
      this.callback = callback;
    }

    @Override
    public void accept(Object process, Throwable error) {
      callback.run();
    }
  }

  static final class Waiter implements Runnable {
    private final Process process;
    private final Runnable callback;

    Waiter(Process process, Runnable callback) {
      this.process = process;
      this.callback = callback;
    }

    @Override
    public void run() {
      boolean interrupted = false;
      while (true) {
        try {
          process.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      callback.run();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
