package io.github.lrschedulers.spec;

import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Objects;

/**
 * A node of a parsed spec string, which is a Python call expression such as {@code
 * StepLR(step_size=30, gamma=0.1)}.
 *
 * <p>Every node knows its 0-based {@link #position()} in the source, for error messages. Records
 * compare by value including the position; {@link #toSource()} prints the node back as Python
 * source that parses to an equal value.
 *
 * <p>The same tree holds the numeric expressions of lambda bodies (the parameter, operators, {@code
 * min}, {@code math.cos} and so on), which {@link PyLambda} evaluates; in a parsed spec, arithmetic
 * on constants is already folded into a {@link Num} or {@link Bool}.
 */
public sealed interface SpecNode
        permits SpecNode.Call,
                SpecNode.ListNode,
                SpecNode.Dict,
                SpecNode.Num,
                SpecNode.Str,
                SpecNode.Bool,
                SpecNode.None,
                SpecNode.Lambda,
                Expr {

    /**
     * Parses a whole spec string, which must be one call; same as {@link SpecParser#parse(String)}.
     *
     * @param source the spec, e.g. {@code "StepLR(step_size=30, gamma=0.1)"}
     * @return the call
     * @throws SpecParseException if the string is not one well-formed call
     */
    static Call parse(String source) {
        return SpecParser.parse(source);
    }

    /**
     * Returns the 0-based index of the node's first character in the source.
     *
     * @return the position
     */
    int position();

    /**
     * Returns the node as Python source, which parses back to an equal node (positions aside).
     *
     * @return the source text
     */
    String toSource();

    /**
     * Describes the node for error messages, e.g. {@code a list} or {@code the call StepLR(...)}.
     *
     * @return the description
     */
    String describe();

    /**
     * A call {@code Name(arg, ..., key=value, ...)}, such as a scheduler.
     *
     * @param name the called name, e.g. {@code StepLR}
     * @param args the positional arguments, in order
     * @param kwargs the keyword arguments, in order, with distinct names
     * @param position the index of the name
     */
    record Call(String name, List<SpecNode> args, List<Kwarg> kwargs, int position)
            implements SpecNode {

        /**
         * Creates a call, copying the argument lists.
         *
         * @param name the called name
         * @param args the positional arguments
         * @param kwargs the keyword arguments
         * @param position the index of the name
         */
        public Call {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
            kwargs = List.copyOf(kwargs);
        }

        /**
         * Returns the keyword argument with a name, if given.
         *
         * @param key the argument name
         * @return the argument, or {@code null} if absent
         */
        public Kwarg kwarg(String key) {
            for (Kwarg k : kwargs) {
                if (k.name().equals(key)) {
                    return k;
                }
            }
            return null;
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "the call " + name + "(...)";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            StringBuilder sb = new StringBuilder(name).append('(');
            String sep = "";
            for (SpecNode a : args) {
                sb.append(sep).append(a.toSource());
                sep = ", ";
            }
            for (Kwarg k : kwargs) {
                sb.append(sep).append(k.name()).append('=').append(k.value().toSource());
                sep = ", ";
            }
            return sb.append(')').toString();
        }
    }

    /**
     * A keyword argument {@code name=value} of a {@link Call}; not a value itself.
     *
     * @param name the argument name
     * @param value the value
     * @param position the index of the name
     */
    record Kwarg(String name, SpecNode value, int position) {

        /**
         * Creates a keyword argument.
         *
         * @param name the argument name
         * @param value the value
         * @param position the index of the name
         */
        public Kwarg {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A list {@code [a, b]} or tuple {@code (a, b)}; both print as a list.
     *
     * @param items the elements, in order
     * @param position the index of the opening bracket
     */
    record ListNode(List<SpecNode> items, int position) implements SpecNode {

        /**
         * Creates a list, copying the elements.
         *
         * @param items the elements
         * @param position the index of the opening bracket
         */
        public ListNode {
            items = List.copyOf(items);
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a list";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            StringBuilder sb = new StringBuilder("[");
            String sep = "";
            for (SpecNode a : items) {
                sb.append(sep).append(a.toSource());
                sep = ", ";
            }
            return sb.append(']').toString();
        }
    }

    /**
     * A dict {@code {'key': value, ...}} with string keys, such as transformers' {@code
     * scheduler_specific_kwargs}, or number keys, such as optax's {@code {100: 0.5}}; {@code
     * dict(key=value, ...)} too. A repeated key keeps its first position and its last value, as in
     * Python, when the dict is bound.
     *
     * @param entries the entries, in order
     * @param position the index of the opening brace
     */
    record Dict(List<DictEntry> entries, int position) implements SpecNode {

        /**
         * Creates a dict, copying the entries.
         *
         * @param entries the entries
         * @param position the index of the opening brace
         */
        public Dict {
            entries = List.copyOf(entries);
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a dict";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            StringBuilder sb = new StringBuilder("{");
            String sep = "";
            for (DictEntry e : entries) {
                sb.append(sep).append(e.key().toSource()).append(": ");
                sb.append(e.value().toSource());
                sep = ", ";
            }
            return sb.append('}').toString();
        }
    }

    /**
     * An entry {@code 'key': value} of a {@link Dict}; not a value itself.
     *
     * @param key the key, a {@link Str} or a {@link Num}
     * @param value the value
     * @param position the index of the key
     */
    record DictEntry(SpecNode key, SpecNode value, int position) {

        /**
         * Creates an entry.
         *
         * @param key the key, a {@link Str} or a {@link Num}
         * @param value the value
         * @param position the index of the key
         */
        public DictEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A Python int or float, the value of a literal or of constant arithmetic such as {@code 1/3}.
     *
     * @param value the value as a float (for an int, the nearest float)
     * @param isInt whether the value is a Python int
     * @param intValue the int value if {@code isInt}, else 0
     * @param position the index of the expression's first character
     */
    record Num(double value, boolean isInt, long intValue, int position) implements SpecNode {

        /**
         * Creates a number, checking that the int and float views agree.
         *
         * @param value the value as a float
         * @param isInt whether the value is a Python int
         * @param intValue the int value if {@code isInt}, else 0
         * @param position the index of the expression's first character
         * @throws IllegalArgumentException if {@code value} is not {@code (double) intValue} for an
         *     int, or {@code intValue} is not 0 for a float
         */
        public Num {
            if (isInt ? Double.compare(value, (double) intValue) != 0 : intValue != 0) {
                throw new IllegalArgumentException(
                        "num value "
                                + value
                                + " does not match intValue "
                                + intValue
                                + " with isInt "
                                + isInt);
            }
        }

        /**
         * Creates a Python int.
         *
         * @param v the value
         * @param position the index of the expression
         * @return the number
         */
        public static Num ofInt(long v, int position) {
            return new Num((double) v, true, v, position);
        }

        /**
         * Creates a Python float.
         *
         * @param v the value
         * @param position the index of the expression
         * @return the number
         */
        public static Num ofFloat(double v, int position) {
            return new Num(v, false, 0, position);
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a number";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            if (isInt) {
                return Long.toString(intValue);
            }
            if (Double.isNaN(value)) {
                return "float('nan')";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "float('inf')" : "float('-inf')";
            }
            return PyRepr.repr(value);
        }
    }

    /**
     * A string literal, in single or double quotes.
     *
     * @param value the decoded string
     * @param position the index of the opening quote
     */
    record Str(String value, int position) implements SpecNode {

        /**
         * Creates a string.
         *
         * @param value the decoded string
         * @param position the index of the opening quote
         */
        public Str {
            Objects.requireNonNull(value, "value");
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a string";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            return PyRepr.quote(value);
        }
    }

    /**
     * {@code True} or {@code False} (also spelled {@code true}, {@code false}), or the value of a
     * constant comparison.
     *
     * @param value the boolean
     * @param position the index of the expression
     */
    record Bool(boolean value, int position) implements SpecNode {

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a number";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            return value ? "True" : "False";
        }
    }

    /**
     * Python's {@code None}.
     *
     * @param position the index of the name
     */
    record None(int position) implements SpecNode {

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "None";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            return "None";
        }
    }

    /**
     * A {@code lambda} argument, such as {@code lambda epoch: 0.95 ** epoch}.
     *
     * @param fn the parsed function
     * @param position the index of the {@code lambda} keyword
     */
    record Lambda(PyLambda fn, int position) implements SpecNode {

        /**
         * Creates a lambda node.
         *
         * @param fn the parsed function
         * @param position the index of the {@code lambda} keyword
         */
        public Lambda {
            Objects.requireNonNull(fn, "fn");
        }

        /** {@inheritDoc} */
        @Override
        public String describe() {
            return "a lambda";
        }

        /** {@inheritDoc} */
        @Override
        public String toSource() {
            return fn.source();
        }
    }
}
