package io.pipelens.collector.errors;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a frame belongs to the application ("in-app") or to the runtime and third-party
 * libraries. Only in-app frames go into the fingerprint, so upgrading a library or the JDK does not
 * split a group.
 *
 * <ul>
 *   <li>Java: a class is not in-app when it starts with one of {@code javaExcludedPrefixes}
 *       (default {@code java. javax. sun. com.sun. jdk. kotlin. scala.}); when {@code
 *       javaIncludedPrefixes} is non-empty only classes starting with one of them are in-app.
 *   <li>Python: files under {@code site-packages}/{@code dist-packages}, the standard library
 *       ({@code .../lib/pythonX.Y/}) and {@code <frozen ...>} modules are not in-app.
 *   <li>R: calls into the base/recommended namespaces ({@code base:: stats:: utils:: methods::}) and
 *       the well-known base functions of {@link #R_BASE_FUNCTIONS} (stop, tryCatch, lapply...) are
 *       not in-app.
 * </ul>
 */
public record InAppRules(List<String> javaExcludedPrefixes, List<String> javaIncludedPrefixes) {

  public static final List<String> DEFAULT_JAVA_EXCLUDED =
      List.of("java.", "javax.", "sun.", "com.sun.", "jdk.", "kotlin.", "scala.");

  /**
   * Base R functions, condition machinery and the pipelens R client's wrappers: they never
   * identify an application bug.
   */
  public static final Set<String> R_BASE_FUNCTIONS =
      Set.of(
          "stop", "stopifnot", "warning", "signalCondition", "withCallingHandlers", "tryCatch",
          "tryCatchList", "tryCatchOne", "doTryCatch", "try", "eval", "evalq", "source",
          "withVisible", "do.call", "lapply", "sapply", "vapply", "mapply", "Map", "Reduce",
          "Filter", "apply", "tapply", "force", "identity", "local", "suppressWarnings",
          "suppressMessages", ".handleSimpleError", ".signalSimpleWarning", "simpleError",
          "simpleCondition", "doWithOneRestart", "withOneRestart", "withRestarts",
          "invokeRestart", "Recall", "UseMethod", "NextMethod", "standardGeneric", "print",
          "format", "cat", "paste", "match.arg", "on.exit", "sys.calls", "sys.function",
          "conditionCall", "conditionMessage",
          // the pipelens R client's own wrappers (agent/r): present around any user code
          "with_span", "record_error", "safely", "pipelens_error_handler");

  static final Set<String> R_BASE_NAMESPACES =
      Set.of("base", "stats", "utils", "methods", "graphics", "grDevices", "tools", "compiler");

  public InAppRules {
    javaExcludedPrefixes = List.copyOf(javaExcludedPrefixes);
    javaIncludedPrefixes = List.copyOf(javaIncludedPrefixes);
  }

  public static InAppRules defaults() {
    return new InAppRules(DEFAULT_JAVA_EXCLUDED, List.of());
  }

  /** Defaults plus extra excluded Java prefixes, e.g. frameworks ({@code org.junit.}). */
  public InAppRules excludingJava(List<String> prefixes) {
    var all = new java.util.ArrayList<>(javaExcludedPrefixes);
    all.addAll(prefixes);
    return new InAppRules(all, javaIncludedPrefixes);
  }

  public boolean javaInApp(String className) {
    for (String p : javaExcludedPrefixes) {
      if (className.startsWith(p)) {
        return false;
      }
    }
    if (javaIncludedPrefixes.isEmpty()) {
      return true;
    }
    return javaIncludedPrefixes.stream().anyMatch(className::startsWith);
  }

  public boolean pythonInApp(String file) {
    String f = file.replace('\\', '/');
    return !(f.contains("/site-packages/")
        || f.contains("/dist-packages/")
        || f.matches(".*/lib/python\\d+(\\.\\d+)?/.*")
        || f.startsWith("<frozen "));
  }

  public boolean rInApp(String namespace, String function) {
    if (!namespace.isEmpty()) {
      return !R_BASE_NAMESPACES.contains(namespace);
    }
    return !R_BASE_FUNCTIONS.contains(function);
  }
}
