/**
 * Parsing and printing PyTorch-style spec strings.
 *
 * <p>A spec is a Python call expression without the optimizer argument, for example {@code
 * SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=4), CosineAnnealingLR(T_max=10)],
 * milestones=[4])}. {@link io.github.lrschedulers.spec.SpecParser#parse(String)} turns it into a
 * {@link io.github.lrschedulers.spec.SpecNode.Call} tree; arithmetic on constants is evaluated with
 * Python's semantics while parsing, and {@code lambda} arguments become {@link
 * io.github.lrschedulers.spec.PyLambda}s, whose bodies are numeric nodes of the same tree. Every
 * syntax error is a {@link io.github.lrschedulers.spec.SpecParseException} that gives the position.
 */
package io.github.lrschedulers.spec;
