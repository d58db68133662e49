package io.pipelens.collector.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code Throwable.printStackTrace()} text: the header {@code type: message} (messages may
 * span lines), {@code at} frames with or without a module prefix ({@code java.base/},
 * {@code app//}), hidden-class suffix ({@code $$Lambda/0x...}) or logback packaging data ({@code
 * ~[app.jar:1.0]}), {@code Caused by:} chains,
 * indented {@code Suppressed:} blocks and {@code ... N more} elisions.
 */
final class JavaStackTraceParser {

  private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+([^\\s(]+)\\(([^)]*)\\)\\s*(?:~?\\[[^\\]]*\\]\\s*)?$");
  private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\.\\s+\\d+\\s+(more|common frames omitted)\\s*$");
  private static final Pattern CAUSED = Pattern.compile("^(\\s*)Caused by:\\s*(.*)$");
  private static final Pattern SUPPRESSED = Pattern.compile("^\\s*Suppressed:\\s*(.*)$");
  private static final Pattern HIDDEN_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+");
  private static final Pattern THREAD_PREFIX = Pattern.compile("^Exception in thread \"[^\"]*\"\\s+");

  private JavaStackTraceParser() {}

  static ParsedStack parse(String text, InAppRules rules) {
    List<ExceptionBlock> blocks = new ArrayList<>();
    Builder current = null;
    boolean inSuppressed = false;
    for (String raw : text.split("\\R")) {
      if (raw.isBlank()) {
        continue;
      }
      Matcher m;
      if ((m = FRAME.matcher(raw)).matches()) {
        if (current == null) {
          current = new Builder("", "", ExceptionBlock.Relation.REPORTED);
        }
        current.frames.add(frame(m.group(1), m.group(2), rules));
        current.headerDone = true;
      } else if (MORE.matcher(raw).matches()) {
        if (current != null) {
          current.headerDone = true;
        }
      } else if ((m = CAUSED.matcher(raw)).matches()) {
        add(blocks, current);
        boolean nested = !m.group(1).isEmpty();
        inSuppressed = inSuppressed && nested;
        current = header(m.group(2), inSuppressed ? ExceptionBlock.Relation.SUPPRESSED : ExceptionBlock.Relation.CAUSE);
      } else if ((m = SUPPRESSED.matcher(raw)).matches()) {
        add(blocks, current);
        inSuppressed = true;
        current = header(m.group(1), ExceptionBlock.Relation.SUPPRESSED);
      } else if (current == null) {
        current = header(THREAD_PREFIX.matcher(raw.strip()).replaceFirst(""), ExceptionBlock.Relation.REPORTED);
      } else if (!current.headerDone) {
        current.message.append('\n').append(raw);
      }
    }
    add(blocks, current);
    return new ParsedStack(Language.JAVA, blocks);
  }

  private static void add(List<ExceptionBlock> blocks, Builder b) {
    if (b != null) {
      blocks.add(b.build());
    }
  }

  private static Builder header(String line, ExceptionBlock.Relation relation) {
    int colon = line.indexOf(": ");
    String trimmed = line.strip();
    if (colon < 0) {
      return new Builder(trimmed.endsWith(":") ? trimmed.substring(0, trimmed.length() - 1) : trimmed, "", relation);
    }
    return new Builder(line.substring(0, colon).strip(), line.substring(colon + 2), relation);
  }

  static StackFrame frame(String qualified, String location, InAppRules rules) {
    String q = HIDDEN_SUFFIX.matcher(qualified).replaceAll("");
    int slash = q.lastIndexOf('/');
    if (slash >= 0) {
      q = q.substring(slash + 1);
    }
    int dot = q.lastIndexOf('.');
    String cls = dot < 0 ? "" : q.substring(0, dot);
    String method = q.substring(dot + 1);
    String file = location;
    int line = 0;
    int colon = location.lastIndexOf(':');
    if (colon > 0) {
      file = location.substring(0, colon);
      try {
        line = Integer.parseInt(location.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        file = location;
      }
    }
    if (file.equals("Native Method") || file.equals("Unknown Source")) {
      file = "";
    }
    return new StackFrame(method, cls, file, line, rules.javaInApp(cls));
  }

  private static final class Builder {
    final String type;
    final StringBuilder message;
    final ExceptionBlock.Relation relation;
    final List<StackFrame> frames = new ArrayList<>();
    boolean headerDone;

    Builder(String type, String message, ExceptionBlock.Relation relation) {
      this.type = type;
      this.message = new StringBuilder(message);
      this.relation = relation;
    }

    ExceptionBlock build() {
      return new ExceptionBlock(type, message.toString(), frames, relation);
    }
  }
}
