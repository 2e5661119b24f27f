package eu.aiact.tracker.domain.system;

import java.util.Locale;
import java.util.Optional;

/**
 * The one check of every text a command carries (each text field of each command, the command's reason, an imported cell through the
 * command it becomes): at most a given number of characters (Unicode code points, as PostgreSQL counts them), no control characters
 * other than tab, line feed and carriage return (NUL, the other C0 controls, DEL and the C1 controls are refused), and no unpaired
 * surrogate. What passes can be stored as text and as JSON by every reader (PostgreSQL refuses NUL and unpaired surrogates in both);
 * everything else (right-to-left marks, emoji, any script) is kept as sent.
 */
public final class Text {

    /** What a text field accepts, for the answer to a refused one. */
    public static final String ACCEPTED = "any text without control characters (tab, line feed and carriage return are allowed) and "
            + "without unpaired surrogates";

    private Text() {
    }

    /**
     * Refuses the value when it is too long or holds a character that cannot be stored; null passes (whether a field is required is
     * the command's rule).
     *
     * @throws InvalidCommandException naming the field, what is wrong and what is accepted
     */
    public static void check(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new InvalidCommandException(field, field + " " + problem.get() + "; accepted: " + ACCEPTED + ", at most " + maxLength
                    + " characters");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new InvalidCommandException(field, field + " may have at most " + maxLength + " characters, not " + length);
        }
    }

    /** What makes the text unstorable, as "contains ... at character n", or empty when it is fine. */
    public static Optional<String> problem(String value) {
        int position = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            position++;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired surrogate " + codePoint(c) + " at character " + position);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate " + codePoint(c) + " at character " + position);
            }
            if (isRefusedControl(c)) {
                return Optional.of("contains the control character " + codePoint(c) + name(c) + " at character " + position);
            }
        }
        return Optional.empty();
    }

    /** True for a control character other than tab, line feed and carriage return. */
    public static boolean isRefusedControl(int c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static String name(char c) {
        return switch (c) {
            case 0 -> " (NUL)";
            case 0x1B -> " (ESC)";
            case 0x7F -> " (DEL)";
            default -> "";
        };
    }
}
