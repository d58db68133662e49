package io.pipelens.collector.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses CPython tracebacks ({@code traceback.format_exception}): {@code Traceback (most recent
 * call last):} sections of {@code File "path", line N, in function} frames (source and {@code ^^^}
 * marker lines skipped), each ending with {@code Type: message}; sections joined by "During
 * handling of the above exception, another exception occurred:" (context) or "The above
 * exception was the direct cause of the following exception:" (cause). The last section is the
 * reported exception. Exception groups (3.11+) are read too, see {@link #parseGroup}.
 */
final class PythonTracebackParser {

  static final String CONTEXT_SEPARATOR =
      "During handling of the above exception, another exception occurred:";
  static final String CAUSE_SEPARATOR =
      "The above exception was the direct cause of the following exception:";
  private static final Pattern FRAME =
      Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d+)(?:, in (.+))?\\s*$");
  private static final Pattern GROUP_HEADER =
      Pattern.compile("^\\s*\\+ Exception Group Traceback \\(most recent call last\\):\\s*$");
  private static final Pattern GROUP_SEPARATOR = Pattern.compile("^\\s*\\+[-+]+.*$");
  private static final Pattern SUB_NUMBER = Pattern.compile("-\\s(\\d+|\\.\\.\\.)\\s-");
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile("^([A-Za-z_][\\w.]*)(?::\\s?(.*))?$");

  private PythonTracebackParser() {}

  static ParsedStack parse(String text, InAppRules rules) {
    return text.contains("Exception Group Traceback") ? parseGroup(text, rules) : parseFlat(text, rules);
  }

  /**
   * Python 3.11 exception groups: the group's own traceback is prefixed with {@code "  | "}, each
   * sub-exception follows a {@code +---- N ----} separator with a {@code "    | "} prefix. The
   * sub-exceptions become {@code CAUSE} blocks right after the group (their nested groups are not
   * unfolded further).
   */
  private static ParsedStack parseGroup(String text, InAppRules rules) {
    StringBuilder top = new StringBuilder();
    List<StringBuilder> subs = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (GROUP_HEADER.matcher(line).matches()) {
        top.append("Traceback (most recent call last):\n");
      } else if (line.startsWith("  | ")) {
        top.append(line.substring(4)).append('\n');
      } else if (GROUP_SEPARATOR.matcher(line).matches()) {
        if (SUB_NUMBER.matcher(line).find()) {
          subs.add(new StringBuilder());
        }
      } else if (line.startsWith("    | ") && !subs.isEmpty()) {
        subs.get(subs.size() - 1).append(line.substring(6)).append('\n');
      } else {
        top.append(line).append('\n');
      }
    }
    List<ExceptionBlock> blocks = new ArrayList<>(parseFlat(top.toString(), rules).exceptions());
    int at = blocks.isEmpty() ? 0 : 1;
    for (StringBuilder sub : subs) {
      for (ExceptionBlock b : parseFlat(sub.toString(), rules).exceptions()) {
        blocks.add(at++, new ExceptionBlock(b.type(), b.message(), b.frames(), ExceptionBlock.Relation.CAUSE));
      }
    }
    return new ParsedStack(Language.PYTHON, blocks);
  }

  private static ParsedStack parseFlat(String text, InAppRules rules) {
    List<Section> sections = new ArrayList<>();
    Section current = new Section();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.equals(CONTEXT_SEPARATOR) || line.equals(CAUSE_SEPARATOR)) {
        if (!current.isEmpty()) {
          current.linkToNext =
              line.equals(CAUSE_SEPARATOR) ? ExceptionBlock.Relation.CAUSE : ExceptionBlock.Relation.CONTEXT;
          sections.add(current);
        }
        current = new Section();
        continue;
      }
      if (line.startsWith("Traceback (most recent call last)")) {
        continue;
      }
      Matcher m = FRAME.matcher(raw);
      if (m.matches()) {
        String file = m.group(1);
        String function = m.group(3) == null ? "<module>" : m.group(3).strip();
        current.frames.add(new StackFrame(function, moduleOf(file), file, Integer.parseInt(m.group(2)), rules.pythonInApp(file)));
        continue;
      }
      boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
      if (current.type == null && !indented) {
        Matcher e = EXCEPTION_LINE.matcher(line);
        if (e.matches()) {
          current.type = e.group(1);
          current.message.append(e.group(2) == null ? "" : e.group(2));
        }
      } else if (current.type != null && !line.isEmpty() && !indented) {
        current.message.append('\n').append(raw);
      }
    }
    if (!current.isEmpty()) {
      sections.add(current);
    }
    // The last section was raised last: it is the reported one; earlier ones are its causes.
    List<ExceptionBlock> blocks = new ArrayList<>();
    for (int i = sections.size() - 1; i >= 0; i--) {
      Section s = sections.get(i);
      ExceptionBlock.Relation relation = i == sections.size() - 1 ? ExceptionBlock.Relation.REPORTED : s.linkToNext;
      List<StackFrame> frames = new ArrayList<>(s.frames);
      Collections.reverse(frames); // innermost first
      blocks.add(new ExceptionBlock(s.type == null ? "" : s.type, s.message.toString(), frames, relation));
    }
    return new ParsedStack(Language.PYTHON, blocks);
  }

  /** {@code /tmp/x/score.py} -> {@code score}; {@code <string>} stays as is. */
  static String moduleOf(String file) {
    String f = file.replace('\\', '/');
    String base = f.substring(f.lastIndexOf('/') + 1);
    return base.endsWith(".py") ? base.substring(0, base.length() - 3) : base;
  }

  private static final class Section {
    final List<StackFrame> frames = new ArrayList<>();
    final StringBuilder message = new StringBuilder();
    String type;
    ExceptionBlock.Relation linkToNext = ExceptionBlock.Relation.CONTEXT;


    boolean isEmpty() {
      return frames.isEmpty() && type == null;
    }
  }
}
