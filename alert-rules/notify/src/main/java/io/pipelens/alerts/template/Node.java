package io.pipelens.alerts.template;

import java.util.List;

/** The parse tree of a template. */
interface Node {
  Pos pos();

  record ListNode(Pos pos, List<Node> nodes) implements Node {}

  record TextNode(Pos pos, String text) implements Node {}

  record ActionNode(Pos pos, PipeNode pipe) implements Node {}

  /** if / range / with: {@code elseList} may be null. */
  record BranchNode(Pos pos, String kind, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {}

  record TemplateCallNode(Pos pos, String name, PipeNode pipe) implements Node {}

  record BreakNode(Pos pos) implements Node {}

  record ContinueNode(Pos pos) implements Node {}

  /** {@code decl} holds variables declared ($x :=) or assigned ($x =) by this pipeline. */
  record PipeNode(Pos pos, boolean isAssign, List<String> decl, List<CommandNode> cmds)
      implements Node {}

  record CommandNode(Pos pos, List<Node> args) implements Node {}

  record FieldNode(Pos pos, List<String> idents) implements Node {}

  record VariableNode(Pos pos, String name, List<String> fields) implements Node {}

  /** A parenthesised pipeline or other operand followed by .Field accesses. */
  record ChainNode(Pos pos, Node node, List<String> fields) implements Node {}

  record IdentifierNode(Pos pos, String name) implements Node {}

  record DotNode(Pos pos) implements Node {}

  record NilNode(Pos pos) implements Node {}

  record BoolNode(Pos pos, boolean value) implements Node {}

  record NumberNode(Pos pos, Object value, String text) implements Node {}

  record StringNode(Pos pos, String value) implements Node {}
}
