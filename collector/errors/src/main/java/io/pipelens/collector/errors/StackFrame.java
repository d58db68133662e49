package io.pipelens.collector.errors;

/**
 * One frame of a parsed stack trace.
 *
 * <p>{@code function} is the method/function name ({@code "<anonymous>"} for an R anonymous
 * function); {@code module} the Java class, the Python module (file name without {@code .py}) or
 * the R namespace of a {@code pkg::f} call (empty when unknown); {@code file} as printed (Python
 * keeps the full path); {@code line} is 0 when unknown. {@code inApp} marks code of the
 * application rather than of the language runtime or a third-party package (see {@link InAppRules}).
 */
public record StackFrame(String function, String module, String file, int line, boolean inApp) {}
