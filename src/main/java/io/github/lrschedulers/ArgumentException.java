package io.github.lrschedulers;

/** A rejected schedule argument, naming which: the spec parser points at that argument's value. */
public final class ArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    /**
     * Creates the exception.
     *
     * @param argument the argument's upstream name
     * @param message the message, naming the argument, the rule and the value
     */
    public ArgumentException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /**
     * Returns the name of the rejected argument.
     *
     * @return the upstream name
     */
    public String getArgument() {
        return argument;
    }
}
