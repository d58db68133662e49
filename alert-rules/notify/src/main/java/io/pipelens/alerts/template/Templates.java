package io.pipelens.alerts.template;

import io.pipelens.alerts.template.Node.ListNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of Go text/templates sharing their {@code define}d names, with Go's builtins plus
 * Alertmanager's and Prometheus' template functions.
 *
 * <p>Parse once, execute many times: parsing is not meant to run concurrently with itself, but
 * {@link #execute} and {@link #executeText} are safe to call from several threads.
 */
public final class Templates {
  private final Map<String, ListNode> trees = new ConcurrentHashMap<>();
  private final Map<String, TemplateFunction> functions;

  private Templates(Map<String, TemplateFunction> functions) {
    this.functions = functions;
  }

  /** A new empty set with the default functions. */
  public static Templates create() {
    return new Templates(new ConcurrentHashMap<>(Functions.defaults()));
  }

  /** Adds or replaces a function; call before parsing templates that use it. */
  public Templates withFunction(String name, TemplateFunction f) {
    functions.put(name, f);
    return this;
  }

  /**
   * Parses {@code text} as template {@code name}; its {@code define} blocks become templates of
   * this set too (a later definition replaces an earlier one, as in Go).
   *
   * @throws TemplateException with name, line and column when the text is not a valid template
   */
  public Templates parse(String name, String text) {
    Map<String, ListNode> parsed = new Parser(name, text, functions.keySet()).parse();
    parsed.forEach((k, v) -> {
      if (k.equals(name) && v.nodes().stream().allMatch(n -> n instanceof Node.TextNode t && t.text().isBlank())
          && trees.containsKey(k)) {
        return; // a file of only defines must not clobber an existing template of the same name
      }
      trees.put(k, v);
    });
    return this;
  }

  /** Parses a template file, named after its file name. */
  public Templates parseFile(Path file) {
    try {
      return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TemplateException("template: can't read " + file + ": " + e.getMessage(), e);
    }
  }

  public boolean has(String name) {
    return trees.containsKey(name);
  }

  /** Executes the named template. */
  public String execute(String name, Object data) {
    StringBuilder out = new StringBuilder();
    new Executor(this, out).execute(name, data);
    return out.toString();
  }

  /**
   * Parses and executes a one-off template text that may call this set's templates, without
   * adding anything to the set (Alertmanager's ExecuteTextString).
   */
  public String executeText(String text, Object data) {
    if (text == null || text.isEmpty()) return "";
    Templates scratch = new Templates(functions);
    scratch.trees.putAll(trees);
    scratch.parse("__text__", text);
    return scratch.execute("__text__", data);
  }

  ListNode tree(String name) {
    return trees.get(name);
  }

  TemplateFunction function(String name) {
    return functions.get(name);
  }
}
