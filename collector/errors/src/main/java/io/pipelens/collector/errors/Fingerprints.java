package io.pipelens.collector.errors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the grouping key of an error: SHA-256 (first 16 bytes, 32 hex characters) of the
 * language, the exception type and the in-app frames (module or file base name + function) of the
 * reported exception and its causes. Line numbers, memory addresses, lambda/anonymous class
 * numbers and generated names are left out so that the same bug groups across runs, hosts and
 * versions; consecutive identical frames (recursion) count once. Without frames the normalised
 * message is used instead (see {@link #normaliseMessage}).
 */
public final class Fingerprints {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{8,}\\b");
  private static final Pattern OBJECT_ID = Pattern.compile("@[0-9a-fA-F]{4,}\\b");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");
  private static final Pattern PATH = Pattern.compile("(?:/[\\w.@-]+){2,}/?");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern JAVA_LAMBDA = Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?(?:/0x[0-9a-fA-F]+)?");
  private static final Pattern JAVA_GENERATED =
      Pattern.compile("\\$\\$[A-Za-z]*\\$\\$[0-9a-fA-F]+|\\$\\d+|(GeneratedMethodAccessor|GeneratedConstructorAccessor|\\$Proxy)\\d+");
  private static final Pattern JAVA_LAMBDA_METHOD = Pattern.compile("^(lambda\\$.*?)\\$\\d+$|^(access\\$)\\d+$");
  private static final Pattern PY_TMP = Pattern.compile("^tmp[\\w-]{4,}$|^<ipython-input-[\\w-]+>$");

  private Fingerprints() {}

  /** Fingerprint of a parsed stack, or of type + message when it has no frames. */
  public static String of(Language language, String type, String message, ParsedStack stack) {
    List<String> parts = new ArrayList<>();
    parts.add(language.sdkName());
    parts.add(normaliseType(language, type));
    List<String> frames = frameParts(language, stack, true);
    if (frames.isEmpty()) {
      frames = frameParts(language, stack, false);
    }
    if (frames.isEmpty()) {
      parts.add("msg:" + normaliseMessage(message));
    } else {
      parts.addAll(frames);
    }
    return sha256Prefix(String.join("\n", parts));
  }

  private static List<String> frameParts(Language language, ParsedStack stack, boolean inAppOnly) {
    List<String> parts = new ArrayList<>();
    for (ExceptionBlock block : stack.exceptions()) {
      if (block.relation() == ExceptionBlock.Relation.SUPPRESSED) {
        continue;
      }
      if (block.relation() != ExceptionBlock.Relation.REPORTED) {
        parts.add("cause:" + normaliseType(language, block.type()));
      }
      String previous = null;
      for (StackFrame f : block.frames()) {
        if (!inAppOnly || f.inApp()) {
          String key = frameKey(language, f);
          if (!key.equals(previous)) { // recursion depth must not split a group
            parts.add(key);
          }
          previous = key;
        }
      }
    }
    boolean anyFrame = parts.stream().anyMatch(p -> !p.startsWith("cause:"));
    return anyFrame ? parts : List.of();
  }

  static String frameKey(Language language, StackFrame f) {
    return switch (language) {
      case JAVA -> normaliseJavaName(f.module()) + "." + normaliseJavaMethod(f.function());
      case PYTHON -> normalisePythonModule(f.module()) + ":" + f.function();
      // R: srcref file/line depend on keep.source, so only namespace + function count.
      case R -> f.module() + "::" + f.function();
      case UNKNOWN -> f.module() + ":" + f.function();
    };
  }

  /**
   * Type as grouped: Python and R use the simple name (SDKs report {@code __qualname__}, while
   * tracebacks print {@code module.Name}); Java keeps the class name with lambda/anonymous numbers
   * removed.
   */
  static String normaliseType(Language language, String type) {
    String t = type == null ? "" : type.strip();
    return switch (language) {
      case PYTHON, R -> t.substring(t.lastIndexOf('.') + 1);
      default -> normaliseJavaName(t);
    };
  }

  static String normaliseJavaName(String name) {
    String n = JAVA_LAMBDA.matcher(name).replaceAll("\\$\\$Lambda");
    return JAVA_GENERATED.matcher(n).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? m.group(1) : "$"));
  }

  static String normaliseJavaMethod(String method) {
    var m = JAVA_LAMBDA_METHOD.matcher(method);
    if (m.matches()) {
      return m.group(1) != null ? m.group(1) : m.group(2);
    }
    return method;
  }

  static String normalisePythonModule(String module) {
    return PY_TMP.matcher(module).matches() ? "<tmp>" : module;
  }

  /**
   * Replaces the variable parts of a message so that "row 3 of '/tmp/a.csv'" and "row 9 of
   * '/tmp/b.csv'" group together: uuids -> {@code <uuid>}, Java identity hashes ({@code
   * Foo@1b6d3586}) -> {@code @<id>}, hex and addresses -> {@code <hex>},
   * quoted values -> {@code <str>}, paths -> {@code <path>}, numbers -> {@code <num>}; whitespace
   * collapsed; at most 300 characters.
   */
  public static String normaliseMessage(String message) {
    if (message == null) {
      return "";
    }
    String m = UUID.matcher(message).replaceAll("<uuid>");
    m = OBJECT_ID.matcher(m).replaceAll("@<id>");
    m = QUOTED.matcher(m).replaceAll("<str>");
    m = HEX.matcher(m).replaceAll("<hex>");
    m = PATH.matcher(m).replaceAll("<path>");
    m = NUMBER.matcher(m).replaceAll("<num>");
    m = SPACES.matcher(m).replaceAll(" ").strip();
    return m.length() > 300 ? m.substring(0, 300) : m;
  }

  static String sha256Prefix(String input) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
