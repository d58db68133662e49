package io.pipelens.collector.rules;

import java.time.Duration;
import java.util.List;

/**
 * Rule evaluation settings ({@code collector.rules.*}, docs/configuration.md and docs/rules.md).
 *
 * @param files rule files; globs allowed ({@code /etc/pipelens/rules/*.yml}); a pattern matching
 *     nothing is no error, so files can be added later and picked up by a reload
 * @param includeDefaultRules also run the rule files shipped with pipelens (default true)
 * @param evaluationInterval interval of groups without their own (default 1m)
 * @param resendDelay a firing alert is re-sent at most this often (default 1m)
 * @param externalUrl base of generatorURL links and {@code $externalURL}; empty = the API port's
 *     {@code http://localhost:PORT}
 * @param watchInterval how often the rule files are checked for changes; zero disables (default 10s)
 */
public record RulesConfig(List<String> files, boolean includeDefaultRules, Duration evaluationInterval,
    Duration resendDelay, String externalUrl, Duration watchInterval) {

  public static final RulesConfig DEFAULTS = new RulesConfig(List.of(), true, Duration.ofMinutes(1),
      Duration.ofMinutes(1), "", Duration.ofSeconds(10));

  public RulesConfig {
    files = List.copyOf(files);
  }

  public RulesConfig withFiles(List<String> newFiles) {
    return new RulesConfig(newFiles, includeDefaultRules, evaluationInterval, resendDelay, externalUrl, watchInterval);
  }

  public RulesConfig withIncludeDefaultRules(boolean include) {
    return new RulesConfig(files, include, evaluationInterval, resendDelay, externalUrl, watchInterval);
  }

  public RulesConfig withWatchInterval(Duration d) {
    return new RulesConfig(files, includeDefaultRules, evaluationInterval, resendDelay, externalUrl, d);
  }
}
