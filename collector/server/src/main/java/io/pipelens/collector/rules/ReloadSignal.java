package io.pipelens.collector.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the rule files on SIGHUP, as Prometheus does. Uses {@code sun.misc.Signal} (module
 * jdk.unsupported); where the JVM or OS has no SIGHUP (Windows) it logs and does nothing.
 */
public final class ReloadSignal {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

  private ReloadSignal() {}

  /** @return whether the handler was installed */
  public static boolean install(RulesService rules) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        LOG.info("SIGHUP: reloading rule files");
        try {
          rules.reload();
        } catch (RuntimeException e) {
          LOG.error("rule reload on SIGHUP failed: {}", e.toString());
        }
      });
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      LOG.info("SIGHUP not available here ({}); reload rules with POST /-/reload", e.toString());
      return false;
    }
  }
}
