package io.pipelens.collector.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses R call stacks as the pipelens R client and R itself print them:
 *
 * <ul>
 *   <li>{@code sys.calls()} one call per line, optionally numbered ({@code 1: f(x)}), outermost
 *       call first;
 *   <li>{@code traceback()} output ({@code 3: stop("bad row") at score.R#12}), most recent call
 *       first — recognised by descending numbers; continuation lines of multi-line calls are
 *       skipped;
 *   <li>condition text {@code Error in f(x) : message} (also {@code Error: message}) and Rscript's
 *       {@code Calls: a -> b -> c} summary line.
 * </ul>
 *
 * <p>The function is the name before the call's {@code (}; {@code pkg::f} sets the module to
 * {@code pkg}; {@code (function(x) ...)(y)} becomes {@code <anonymous>}. Frames of R's own
 * condition machinery after the {@code stop()} ({@code .handleSimpleError}, {@code
 * h(simpleError(msg, call))}) are not in-app.
 */
final class RCallStackParser {

  private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d+):\\s+(.*)$");
  private static final Pattern SRCREF = Pattern.compile("^(.*\\S)\\s+at\\s+(\\S+)#(\\d+)\\s*$");
  private static final Pattern CALL =
      Pattern.compile("^(?:([A-Za-z.][\\w.]*):::?)?([A-Za-z.][\\w.]*|`[^`]+`)\\s*\\(.*");
  private static final Pattern CALLS_LINE = Pattern.compile("^\\s*Calls:\\s*(.*)$");
  private static final Pattern CONDITION =
      Pattern.compile("^\\s*Error(?: in (.+?) :|:)\\s*(.*)$");

  private RCallStackParser() {}

  static ParsedStack parse(String text, String typeHint, InAppRules rules) {
    List<String> lines = text.lines().toList();
    String message = "";
    List<String> callLines = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    boolean numbered = lines.stream().anyMatch(l -> NUMBERED.matcher(l).matches());
    String conditionCall = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Matcher cond = CONDITION.matcher(line);
      if (cond.matches() && conditionCall == null && message.isEmpty()) {
        conditionCall = cond.group(1);
        StringBuilder msg = new StringBuilder(cond.group(2).strip());
        // A condition message may continue on the following, non-call lines.
        while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && !looksLikeCall(lines.get(i + 1), numbered)) {
          msg.append('\n').append(lines.get(++i).strip());
        }
        message = msg.toString();
        continue;
      }
      Matcher calls = CALLS_LINE.matcher(line);
      if (calls.matches() && callLines.isEmpty()) {
        // Rscript's "Calls: a -> b -> c" summary, outermost first.
        for (String name : calls.group(1).split("\\s*->\\s*")) {
          callLines.add(name.strip() + "()");
        }
        continue;
      }
      Matcher m = NUMBERED.matcher(line);
      if (numbered) {
        if (m.matches()) {
          numbers.add(Integer.parseInt(m.group(1)));
          callLines.add(m.group(2));
        }
      } else if (CALL.matcher(line.strip()).matches() || line.strip().startsWith("(function")) {
        callLines.add(line.strip());
      }
    }
    boolean mostRecentFirst = numbers.size() >= 2 && numbers.get(0) > numbers.get(numbers.size() - 1);
    List<StackFrame> frames = new ArrayList<>();
    for (String call : callLines) {
      frames.add(frame(call, rules));
    }
    if (!mostRecentFirst) {
      Collections.reverse(frames);
    }
    if (frames.isEmpty() && conditionCall != null) {
      frames.add(frame(conditionCall, rules));
    }
    String type = typeHint == null || typeHint.isBlank() ? (message.isEmpty() && conditionCall == null ? "" : "simpleError") : typeHint;
    if (frames.isEmpty() && type.isEmpty()) {
      return ParsedStack.empty(Language.R);
    }
    return new ParsedStack(Language.R, List.of(new ExceptionBlock(type, message, frames, ExceptionBlock.Relation.REPORTED)));
  }

  private static boolean looksLikeCall(String line, boolean numbered) {
    String l = line.strip();
    if (CALLS_LINE.matcher(l).matches() || l.equals("Execution halted") || l.startsWith("In addition:")) {
      return true;
    }
    return numbered ? NUMBERED.matcher(line).matches() : CALL.matcher(line.strip()).matches();
  }

  static StackFrame frame(String call, InAppRules rules) {
    String file = "";
    int lineNo = 0;
    Matcher src = SRCREF.matcher(call);
    if (src.matches()) {
      call = src.group(1);
      file = src.group(2);
      lineNo = Integer.parseInt(src.group(3));
    }
    String c = call.strip();
    if (c.startsWith("(function") || c.startsWith("function")) {
      return new StackFrame("<anonymous>", "", file, lineNo, true);
    }
    Matcher m = CALL.matcher(c);
    if (!m.matches()) {
      return new StackFrame(c, "", file, lineNo, false);
    }
    String namespace = m.group(1) == null ? "" : m.group(1);
    String function = m.group(2).replace("`", "");
    boolean machinery = c.startsWith("h(simpleError(") || c.startsWith("h(simpleWarning(");
    return new StackFrame(function, namespace, file, lineNo, !machinery && rules.rInApp(namespace, function));
  }
}
