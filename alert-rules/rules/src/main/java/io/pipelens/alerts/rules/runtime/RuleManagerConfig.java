package io.pipelens.alerts.rules.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a {@link RuleManager} finds and runs rule files.
 *
 * @param files rule file paths; the last path elements may be globs ({@code rules/*.yml},
 *     {@code /etc/pipelens/**&#47;*.yaml}); relative paths resolve against the working directory
 * @param includeDefaultRules also run the rule files shipped in the jar ({@code DefaultRules})
 * @param evaluationIntervalMs interval of groups without their own {@code interval} (Prometheus's
 *     {@code evaluation_interval}, default 1 minute); also the default subquery step
 * @param resendDelayMs a firing alert is sent again at most this often (Prometheus's
 *     {@code --rules.alert.resend-delay}, default 1 minute)
 * @param externalUrl base of each alert's {@code generatorURL} and {@code $externalURL} in templates
 * @param externalLabels {@code $externalLabels} in templates; added to sent alerts lacking them
 * @param stateFile where alert state is persisted across restarts; null keeps it in memory only
 * @param watchIntervalMs how often rule files are checked for changes (0 disables the watch)
 */
public record RuleManagerConfig(List<String> files, boolean includeDefaultRules, long evaluationIntervalMs,
    long resendDelayMs, String externalUrl, Map<String, String> externalLabels, Path stateFile, long watchIntervalMs) {

  public static final long DEFAULT_INTERVAL_MS = 60_000;

  public RuleManagerConfig {
    files = List.copyOf(files);
    externalLabels = Map.copyOf(externalLabels);
    externalUrl = externalUrl == null ? "" : externalUrl;
    if (evaluationIntervalMs <= 0) {
      throw new IllegalArgumentException("rules evaluation interval must be > 0, was " + evaluationIntervalMs + " ms");
    }
    if (resendDelayMs <= 0) {
      throw new IllegalArgumentException("rules resend delay must be > 0, was " + resendDelayMs + " ms");
    }
    if (watchIntervalMs < 0) {
      throw new IllegalArgumentException("rules watch interval must be >= 0, was " + watchIntervalMs + " ms");
    }
  }

  /** Only the given files, 1 m interval and resend delay, no persistence, no watch. */
  public static RuleManagerConfig of(List<String> files) {
    return new RuleManagerConfig(files, false, DEFAULT_INTERVAL_MS, 60_000, "", Map.of(), null, 0);
  }

  public RuleManagerConfig withEvaluationIntervalMs(long ms) {
    return new RuleManagerConfig(files, includeDefaultRules, ms, resendDelayMs, externalUrl, externalLabels, stateFile,
        watchIntervalMs);
  }

  public RuleManagerConfig withStateFile(Path file) {
    return new RuleManagerConfig(files, includeDefaultRules, evaluationIntervalMs, resendDelayMs, externalUrl,
        externalLabels, file, watchIntervalMs);
  }

  public RuleManagerConfig withWatchIntervalMs(long ms) {
    return new RuleManagerConfig(files, includeDefaultRules, evaluationIntervalMs, resendDelayMs, externalUrl,
        externalLabels, stateFile, ms);
  }

  public RuleManagerConfig withExternalUrl(String url) {
    return new RuleManagerConfig(files, includeDefaultRules, evaluationIntervalMs, resendDelayMs, url, externalLabels,
        stateFile, watchIntervalMs);
  }
}
