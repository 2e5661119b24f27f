package eu.aiact.tracker.webapp.system;

import java.util.List;

/**
 * One field of a command's form: its name in the command service's request body (and so in its problem details), how it is entered, the
 * choices of a select (enum constants, labelled by the messages {@code <prefix>.<value>}), and whether the service requires it.
 */
public record Field(String name, FieldKind kind, boolean required, List<String> options, String labelPrefix) {

    public static Field text(String name, boolean required) {
        return new Field(name, FieldKind.TEXT, required, List.of(), null);
    }

    public static Field area(String name, boolean required) {
        return new Field(name, FieldKind.TEXTAREA, required, List.of(), null);
    }

    public static Field date(String name) {
        return new Field(name, FieldKind.DATE, false, List.of(), null);
    }

    public static Field yesNo(String name) {
        return new Field(name, FieldKind.YES_NO, false, List.of(), null);
    }

    public static Field checkbox(String name) {
        return new Field(name, FieldKind.CHECKBOX, false, List.of(), null);
    }

    public static Field of(String name, FieldKind kind, boolean required) {
        return new Field(name, kind, required, List.of(), null);
    }

    public static <E extends Enum<E>> Field select(String name, Class<E> type, boolean required) {
        return new Field(name, FieldKind.SELECT, required, java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(),
                "enum." + type.getSimpleName());
    }
}
