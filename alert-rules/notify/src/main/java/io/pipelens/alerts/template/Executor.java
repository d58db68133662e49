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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Walks a parsed template against data, writing the output. Not thread-safe; one per execution. */
final class Executor {
  private static final int MAX_DEPTH = 100_000;

  private static final class Break extends RuntimeException {
    Break() {
      super(null, null, false, false);
    }
  }

  private static final class Continue extends RuntimeException {
    Continue() {
      super(null, null, false, false);
    }
  }

  private record Var(String name, Object[] value) {}

  private final Templates set;
  private final StringBuilder out;
  private final List<Var> vars = new ArrayList<>();
  private String current;
  private int depth;

  Executor(Templates set, StringBuilder out) {
    this.set = set;
    this.out = out;
  }

  void execute(String name, Object data) {
    ListNode root = set.tree(name);
    if (root == null) throw new TemplateException("template: no template \"" + name + "\" defined");
    String saved = current;
    current = name;
    int mark = vars.size();
    vars.add(new Var("$", new Object[] {data}));
    if (++depth > 1000) throw new TemplateException("template: " + name + ": exceeded maximum template depth");
    try {
      walk(data, root);
    } finally {
      depth--;
      truncate(mark);
      current = saved;
    }
  }

  private void walk(Object dot, Node node) {
    if (node instanceof ListNode l) {
      for (Node n : l.nodes()) walk(dot, n);
    } else if (node instanceof TextNode t) {
      out.append(t.text());
    } else if (node instanceof ActionNode a) {
      Object v = evalPipeline(dot, a.pipe());
      if (a.pipe().decl().isEmpty()) out.append(GoFormat.print(v));
    } else if (node instanceof BranchNode b) {
      branch(dot, b);
    } else if (node instanceof TemplateCallNode t) {
      Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
      if (set.tree(t.name()) == null) {
        throw TemplateException.at(current, t.pos(), "no such template \"" + t.name() + "\"");
      }
      List<Var> saved = new ArrayList<>(vars);
      vars.clear();
      try {
        execute(t.name(), newDot);
      } finally {
        vars.clear();
        vars.addAll(saved);
      }
    } else if (node instanceof BreakNode) {
      throw new Break();
    } else if (node instanceof ContinueNode) {
      throw new Continue();
    } else {
      throw TemplateException.at(current, node.pos(), "unknown node " + node);
    }
  }

  private void branch(Object dot, BranchNode b) {
    int mark = vars.size();
    try {
      if (b.kind().equals("range")) {
        range(dot, b, mark);
        return;
      }
      Object v = evalPipeline(dot, b.pipe());
      if (Values.truth(v)) {
        walk(b.kind().equals("with") ? v : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      truncate(mark);
    }
  }

  private void range(Object dot, BranchNode b, int mark) {
    PipeNode pipe = b.pipe();
    Object v = evalPipeline(dot, new PipeNode(pipe.pos(), pipe.isAssign(), List.of(), pipe.cmds()));
    List<Object[]> items = new ArrayList<>();
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> sorted = new TreeMap<>(Values::compareKeys);
      sorted.putAll(m);
      sorted.forEach((k, val) -> items.add(new Object[] {k, val}));
    } else if (v instanceof Iterable<?> it) {
      long idx = 0;
      for (Iterator<?> iter = it.iterator(); iter.hasNext(); ) items.add(new Object[] {idx++, iter.next()});
    } else if (v instanceof Object[] arr) {
      for (int k = 0; k < arr.length; k++) items.add(new Object[] {(long) k, arr[k]});
    } else if (v instanceof Long n) {
      for (long k = 0; k < n; k++) items.add(new Object[] {k, k});
    } else if (v != null) {
      throw TemplateException.at(current, b.pos(), "range can't iterate over " + GoFormat.print(v));
    }
    if (items.isEmpty()) {
      if (b.elseList() != null) walk(dot, b.elseList());
      return;
    }
    for (Object[] item : items) {
      truncate(mark);
      List<String> decl = pipe.decl();
      if (decl.size() == 1) setVar(decl.get(0), item[1], pipe.isAssign());
      if (decl.size() == 2) {
        setVar(decl.get(0), item[0], pipe.isAssign());
        setVar(decl.get(1), item[1], pipe.isAssign());
      }
      try {
        walk(item[1], b.list());
      } catch (Continue c) {
        // next item
      } catch (Break br) {
        break;
      }
    }
  }

  private Object evalPipeline(Object dot, PipeNode pipe) {
    Object value = null;
    boolean hasFinal = false;
    for (CommandNode cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value, hasFinal);
      hasFinal = true;
    }
    for (String d : pipe.decl()) setVar(d, value, pipe.isAssign());
    return value;
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin, boolean hasFinal) {
    Node first = cmd.args().get(0);
    List<Node> rest = cmd.args().subList(1, cmd.args().size());
    try {
      if (first instanceof FieldNode f) {
        return fieldChain(dot, dot, f.idents(), rest, fin, hasFinal, f.pos());
      }
      if (first instanceof VariableNode v) {
        Object base = lookupVar(v.name(), v.pos());
        if (v.fields().isEmpty()) {
          noArgs(rest, hasFinal, v.pos(), v.name());
          return base;
        }
        return fieldChain(dot, base, v.fields(), rest, fin, hasFinal, v.pos());
      }
      if (first instanceof ChainNode c) {
        Object base = evalArg(dot, c.node());
        return fieldChain(dot, base, c.fields(), rest, fin, hasFinal, c.pos());
      }
      if (first instanceof IdentifierNode id) return call(dot, id, rest, fin, hasFinal);
      if (first instanceof PipeNode p) {
        noArgs(rest, hasFinal, p.pos(), "parenthesized pipeline");
        return evalPipeline(dot, p);
      }
      noArgs(rest, hasFinal, first.pos(), "constant");
      return evalArg(dot, first);
    } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
      throw TemplateException.at(current, first.pos(), "error calling " + describe(first) + ": " + e.getMessage());
    }
  }

  private static String describe(Node n) {
    if (n instanceof IdentifierNode id) return id.name();
    if (n instanceof FieldNode f) return "." + String.join(".", f.idents());
    if (n instanceof VariableNode v) {
      return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
    }
    return "expression";
  }

  private void noArgs(List<Node> rest, boolean hasFinal, Pos pos, String what) {
    if (!rest.isEmpty() || hasFinal) {
      throw TemplateException.at(current, pos, "can't give argument to non-function " + what);
    }
  }

  private Object fieldChain(Object dot, Object receiver, List<String> idents, List<Node> rest, Object fin,
      boolean hasFinal, Pos pos) {
    Object v = receiver;
    for (int k = 0; k < idents.size() - 1; k++) v = Values.field(v, idents.get(k), List.of());
    List<Object> args = new ArrayList<>();
    for (Node a : rest) args.add(evalArg(dot, a));
    if (hasFinal) args.add(fin);
    return Values.field(v, idents.get(idents.size() - 1), args);
  }

  private Object call(Object dot, IdentifierNode id, List<Node> rest, Object fin, boolean hasFinal) {
    String fn = id.name();
    if (fn.equals("and") || fn.equals("or")) {
      List<Node> operands = rest;
      if (operands.isEmpty() && !hasFinal) throw new IllegalArgumentException("wrong number of args for " + fn);
      Object v = null;
      for (Node a : operands) {
        v = evalArg(dot, a);
        boolean t = Values.truth(v);
        if (fn.equals("and") ? !t : t) return v;
      }
      if (hasFinal) return fin;
      return v;
    }
    TemplateFunction f = set.function(fn);
    if (f == null) throw TemplateException.at(current, id.pos(), "function \"" + fn + "\" not defined");
    List<Object> args = new ArrayList<>();
    for (Node a : rest) args.add(evalArg(dot, a));
    if (hasFinal) args.add(fin);
    return f.apply(args);
  }

  private Object evalArg(Object dot, Node n) {
    if (n instanceof DotNode) return dot;
    if (n instanceof NilNode) return null;
    if (n instanceof BoolNode b) return b.value();
    if (n instanceof NumberNode num) return num.value();
    if (n instanceof StringNode s) return s.value();
    if (n instanceof FieldNode f) return fieldChain(dot, dot, f.idents(), List.of(), null, false, f.pos());
    if (n instanceof VariableNode v) {
      Object base = lookupVar(v.name(), v.pos());
      return v.fields().isEmpty() ? base : fieldChain(dot, base, v.fields(), List.of(), null, false, v.pos());
    }
    if (n instanceof ChainNode c) {
      return fieldChain(dot, evalArg(dot, c.node()), c.fields(), List.of(), null, false, c.pos());
    }
    if (n instanceof PipeNode p) return evalPipeline(dot, p);
    if (n instanceof IdentifierNode id) return call(dot, id, List.of(), null, false);
    throw TemplateException.at(current, n.pos(), "can't evaluate " + n);
  }

  private Object lookupVar(String name, Pos pos) {
    for (int k = vars.size() - 1; k >= 0; k--) {
      if (vars.get(k).name().equals(name)) return vars.get(k).value()[0];
    }
    throw TemplateException.at(current, pos, "undefined variable: " + name);
  }

  private void setVar(String name, Object value, boolean assign) {
    if (assign) {
      for (int k = vars.size() - 1; k >= 0; k--) {
        if (vars.get(k).name().equals(name)) {
          vars.get(k).value()[0] = value;
          return;
        }
      }
    }
    if (vars.size() > MAX_DEPTH) throw new TemplateException("template: too many variables");
    vars.add(new Var(name, new Object[] {value}));
  }

  private void truncate(int mark) {
    while (vars.size() > mark) vars.remove(vars.size() - 1);
  }
}
