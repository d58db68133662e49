package io.pipelens.alerts.template;

import io.pipelens.alerts.template.Node.ActionNode;
import io.pipelens.alerts.template.Node.BoolNode;
import io.pipelens.alerts.template.Node.BranchNode;
import io.pipelens.alerts.template.Node.BreakNode;
import io.pipelens.alerts.template.Node.ChainNode;
import io.pipelens.alerts.template.Node.CommandNode;
import io.pipelens.alerts.template.Node.ContinueNode;
import io.pipelens.alerts.template.Node.DotNode;
import io.pipelens.alerts.template.Node.FieldNode;
import io.pipelens.alerts.template.Node.IdentifierNode;
import io.pipelens.alerts.template.Node.ListNode;
import io.pipelens.alerts.template.Node.NilNode;
import io.pipelens.alerts.template.Node.NumberNode;
import io.pipelens.alerts.template.Node.PipeNode;
import io.pipelens.alerts.template.Node.StringNode;
import io.pipelens.alerts.template.Node.TemplateCallNode;
import io.pipelens.alerts.template.Node.TextNode;
import io.pipelens.alerts.template.Node.VariableNode;
import io.pipelens.alerts.template.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recursive-descent parser for Go's text/template language. */
final class Parser {
  private final String name;
  private final List<Token> tokens;
  private final Set<String> functions;
  private final Map<String, ListNode> defined = new LinkedHashMap<>();
  private final List<List<String>> scopes = new ArrayList<>();
  private int i;
  private int rangeDepth;

  Parser(String name, String src, Set<String> functions) {
    this.name = name;
    this.tokens = new Lexer(name, src).lex();
    this.functions = functions;
  }

  /** Returns the named templates: the main one under {@code name}, plus every define/block. */
  Map<String, ListNode> parse() {
    scopes.add(new ArrayList<>(List.of("$")));
    List<Node> nodes = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM && peekAfterDelim().is(Kind.KEYWORD, "define")) {
        parseDefine();
        continue;
      }
      Node n = textOrAction();
      if (n instanceof EndMarker m) throw error(m.token, "unexpected {{" + m.token.text() + "}}");
      nodes.add(n);
    }
    Map<String, ListNode> result = new LinkedHashMap<>();
    result.put(name, new ListNode(new Pos(1, 1), nodes));
    result.putAll(defined);
    return result;
  }

  private void parseDefine() {
    next(); // {{
    skipSpace();
    Token def = next(); // define
    skipSpace();
    Token nameTok = next();
    String tmplName = stringValue(nameTok, "define clause");
    skipSpace();
    expect(Kind.RIGHT_DELIM, "define clause");
    List<List<String>> saved = new ArrayList<>(scopes);
    scopes.clear();
    scopes.add(new ArrayList<>(List.of("$")));
    ListNode body = itemListUntilEnd(def);
    scopes.clear();
    scopes.addAll(saved);
    defined.put(tmplName, body);
  }

  private ListNode itemListUntilEnd(Token opener) {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      if (peek().kind() == Kind.EOF) throw error(opener, "unexpected EOF: missing {{end}}");
      Node n = textOrAction();
      if (n instanceof EndMarker m) {
        if (!m.token.text().equals("end")) throw error(m.token, "unexpected {{" + m.token.text() + "}}");
        return new ListNode(opener.pos(), nodes);
      }
      nodes.add(n);
    }
  }

  /** Marker returned for {{end}} and {{else ...}} so the caller decides what they close. */
  private record EndMarker(Token token, PipeNode elsePipe, String elseKind) implements Node {
    @Override
    public Pos pos() {
      return token.pos();
    }
  }

  private Node textOrAction() {
    Token t = next();
    if (t.kind() == Kind.TEXT) return new TextNode(t.pos(), t.text());
    if (t.kind() != Kind.LEFT_DELIM) throw error(t, "unexpected " + t.text());
    skipSpace();
    Token k = peek();
    if (k.kind() == Kind.KEYWORD) {
      next();
      switch (k.text()) {
        case "end" -> {
          skipSpace();
          expect(Kind.RIGHT_DELIM, "end");
          return new EndMarker(k, null, null);
        }
        case "else" -> {
          skipSpace();
          if (peek().is(Kind.KEYWORD, "if") || peek().is(Kind.KEYWORD, "with")) {
            String kind = next().text();
            PipeNode p = pipeline(kind, false);
            return new EndMarker(k, p, kind);
          }
          expect(Kind.RIGHT_DELIM, "else");
          return new EndMarker(k, null, null);
        }
        case "if", "with", "range" -> {
          return branch(k, k.text(), null);
        }
        case "template" -> {
          return templateCall(k);
        }
        case "block" -> {
          skipSpace();
          String tmplName = stringValue(next(), "block clause");
          PipeNode p = pipeline("block", false);
          ListNode body = itemListUntilEnd(k);
          defined.put(tmplName, body);
          return new TemplateCallNode(k.pos(), tmplName, p);
        }
        case "break", "continue" -> {
          if (rangeDepth == 0) throw error(k, "{{" + k.text() + "}} outside {{range}}");
          skipSpace();
          expect(Kind.RIGHT_DELIM, k.text());
          return k.text().equals("break") ? new BreakNode(k.pos()) : new ContinueNode(k.pos());
        }
        case "define" -> throw error(k, "define is only allowed at the top level");
        default -> throw error(k, "unexpected keyword " + k.text());
      }
    }
    PipeNode p = pipeline("command", true);
    return new ActionNode(t.pos(), p);
  }

  private Node branch(Token k, String kind, PipeNode given) {
    scopes.add(new ArrayList<>());
    PipeNode pipe = given != null ? given : pipeline(kind, kind.equals("range"));
    if (kind.equals("range")) rangeDepth++;
    List<Node> nodes = new ArrayList<>();
    ListNode elseList = null;
    while (true) {
      if (peek().kind() == Kind.EOF) throw error(k, "unexpected EOF: missing {{end}} for {{" + kind + "}}");
      Node n = textOrAction();
      if (n instanceof EndMarker m) {
        if (kind.equals("range")) rangeDepth--;
        scopes.remove(scopes.size() - 1);
        if (m.token.text().equals("end")) break;
        if (m.elsePipe != null) {
          // {{else if ...}} / {{else with ...}}: a nested branch sharing our {{end}}
          if (kind.equals("range")) throw error(m.token, "else " + m.elseKind + " not allowed in range");
          Node nested = branch(m.token, m.elseKind, m.elsePipe);
          elseList = new ListNode(m.token.pos(), List.of(nested));
          return new BranchNode(k.pos(), kind, pipe, new ListNode(k.pos(), nodes), elseList);
        }
        scopes.add(new ArrayList<>());
        elseList = new ListNode(m.token.pos(), itemListUntilEnd(m.token).nodes());
        scopes.remove(scopes.size() - 1);
        break;
      }
      nodes.add(n);
    }
    return new BranchNode(k.pos(), kind, pipe, new ListNode(k.pos(), nodes), elseList);
  }

  private Node templateCall(Token k) {
    skipSpace();
    String tmplName = stringValue(next(), "template clause");
    skipSpace();
    PipeNode p = null;
    if (peek().kind() != Kind.RIGHT_DELIM) {
      p = pipeline("template", false);
    } else {
      next();
    }
    return new TemplateCallNode(k.pos(), tmplName, p);
  }

  /** Parses an optional declaration and a pipeline, consuming the closing delimiter. */
  private PipeNode pipeline(String context, boolean allowDecl) {
    skipSpace();
    Pos start = peek().pos();
    List<String> decl = new ArrayList<>();
    boolean isAssign = false;
    int save = i;
    if (peek().kind() == Kind.VARIABLE) {
      Token v = next();
      skipSpace();
      if (peek().kind() == Kind.DECLARE || peek().kind() == Kind.ASSIGN) {
        isAssign = next().kind() == Kind.ASSIGN;
        decl.add(v.text());
      } else if (peek().kind() == Kind.COMMA && context.equals("range")) {
        next();
        skipSpace();
        Token v2 = expect(Kind.VARIABLE, "range declaration");
        skipSpace();
        Token d = next();
        if (d.kind() != Kind.DECLARE && d.kind() != Kind.ASSIGN) throw error(d, "expected := in range");
        isAssign = d.kind() == Kind.ASSIGN;
        decl.add(v.text());
        decl.add(v2.text());
      } else {
        i = save;
      }
    }
    for (String d : decl) {
      if (isAssign) {
        requireVariable(d, start);
      } else {
        scopes.get(scopes.size() - 1).add(d);
      }
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      skipSpace();
      Token t = peek();
      if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) {
        next();
        if (t.kind() == Kind.RIGHT_PAREN && !context.equals("paren")) throw error(t, "unexpected )");
        if (t.kind() == Kind.RIGHT_DELIM && context.equals("paren")) throw error(t, "unclosed left paren");
        break;
      }
      cmds.add(command());
      skipSpace();
      if (peek().kind() == Kind.PIPE) {
        next();
        skipSpace();
        if (peek().kind() == Kind.RIGHT_DELIM || peek().kind() == Kind.RIGHT_PAREN) {
          throw error(peek(), "missing command after |");
        }
      }
    }
    if (cmds.isEmpty()) throw error(tokens.get(i - 1), "missing value for " + context);
    return new PipeNode(start, isAssign, decl, cmds);
  }

  private CommandNode command() {
    Pos start = peek().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      skipSpaceOnly();
      Token t = peek();
      if (t.kind() == Kind.PIPE || t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) break;
      args.add(operand());
      Token after = peek();
      if (after.kind() != Kind.SPACE && after.kind() != Kind.PIPE && after.kind() != Kind.RIGHT_DELIM
          && after.kind() != Kind.RIGHT_PAREN) {
        throw error(after, "unexpected " + after.text() + " in operand");
      }
    }
    if (args.isEmpty()) throw error(peek(), "empty command");
    return new CommandNode(start, args);
  }

  private Node operand() {
    Node term = term();
    if (peek().kind() == Kind.FIELD) {
      List<String> fields = new ArrayList<>();
      while (peek().kind() == Kind.FIELD) fields.add(next().text().substring(1));
      if (term instanceof FieldNode f) {
        List<String> all = new ArrayList<>(f.idents());
        all.addAll(fields);
        return new FieldNode(f.pos(), all);
      }
      if (term instanceof VariableNode v) {
        List<String> all = new ArrayList<>(v.fields());
        all.addAll(fields);
        return new VariableNode(v.pos(), v.name(), all);
      }
      if (term instanceof BoolNode || term instanceof StringNode || term instanceof NumberNode
          || term instanceof NilNode || term instanceof DotNode) {
        throw error(tokens.get(i - 1), "unexpected . after term");
      }
      return new ChainNode(term.pos(), term, fields);
    }
    return term;
  }

  private Node term() {
    Token t = next();
    return switch (t.kind()) {
      case IDENTIFIER -> {
        if (!functions.contains(t.text())) throw error(t, "function \"" + t.text() + "\" not defined");
        yield new IdentifierNode(t.pos(), t.text());
      }
      case DOT -> new DotNode(t.pos());
      case NIL -> new NilNode(t.pos());
      case VARIABLE -> {
        requireVariable(t.text(), t.pos());
        yield new VariableNode(t.pos(), t.text(), List.of());
      }
      case FIELD -> new FieldNode(t.pos(), List.of(t.text().substring(1)));
      case BOOL -> new BoolNode(t.pos(), t.text().equals("true"));
      case NUMBER -> number(t);
      case CHAR -> new NumberNode(t.pos(), (long) Literals.unquoteChar(t.text()), t.text());
      case STRING, RAW_STRING -> new StringNode(t.pos(), stringValue(t, "operand"));
      case LEFT_PAREN -> pipeline("paren", false);
      default -> throw error(t, "unexpected \"" + t.text() + "\" in operand");
    };
  }

  private NumberNode number(Token t) {
    try {
      return new NumberNode(t.pos(), Literals.parseNumber(t.text()), t.text());
    } catch (NumberFormatException e) {
      throw error(t, "bad number syntax: \"" + t.text() + "\"");
    }
  }

  private void requireVariable(String var, Pos pos) {
    for (List<String> scope : scopes) {
      if (scope.contains(var)) return;
    }
    throw TemplateException.at(name, pos, "undefined variable \"" + var + "\"");
  }

  private String stringValue(Token t, String context) {
    if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
      throw error(t, "unexpected \"" + t.text() + "\" in " + context + ", expected a quoted string");
    }
    try {
      return Literals.unquote(t.text());
    } catch (IllegalArgumentException e) {
      throw error(t, e.getMessage());
    }
  }

  private Token expect(Kind kind, String context) {
    Token t = next();
    if (t.kind() != kind) throw error(t, "unexpected \"" + t.text() + "\" in " + context);
    return t;
  }

  private void skipSpace() {
    while (peek().kind() == Kind.SPACE) i++;
  }

  private void skipSpaceOnly() {
    skipSpace();
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peekAfterDelim() {
    int j = i + 1;
    while (tokens.get(j).kind() == Kind.SPACE) j++;
    return tokens.get(j);
  }

  private Token next() {
    Token t = tokens.get(i);
    if (t.kind() != Kind.EOF) i++;
    return t;
  }

  private TemplateException error(Token t, String message) {
    return TemplateException.at(name, t.pos(), message);
  }
}
