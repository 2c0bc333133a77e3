package io.github.lrschedulers.spec;

/**
 * Thrown when a spec string or a lambda cannot be parsed, naming the position of the problem.
 *
 * <p>The message is the problem, then {@code at index N in "source"}, for example {@code expected
 * ',' or ')' at index 9 in "StepLR(3 4)"}.
 */
public final class SpecParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The source, truncated in messages beyond this many characters. */
    private static final int MAX_QUOTED = 200;

    private final String source;
    private final int position;

    /**
     * Creates an exception for a problem at a position of a source string.
     *
     * @param message the problem, lowercase, without the position
     * @param source the whole string being parsed
     * @param position the 0-based character index of the problem in {@code source}
     */
    public SpecParseException(String message, String source, int position) {
        super(message + " at index " + position + " in \"" + quoted(source) + "\"");
        this.source = source;
        this.position = position;
    }

    private static String quoted(String source) {
        if (source == null) {
            return "null";
        }
        return source.length() <= MAX_QUOTED ? source : source.substring(0, MAX_QUOTED) + "...";
    }

    /**
     * Returns the string that failed to parse.
     *
     * @return the source
     */
    public String getSource() {
        return source;
    }

    /**
     * Returns the 0-based character index of the problem in the source.
     *
     * @return the position
     */
    public int getPosition() {
        return position;
    }
}
