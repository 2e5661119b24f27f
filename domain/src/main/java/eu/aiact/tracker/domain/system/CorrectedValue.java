package eu.aiact.tracker.domain.system;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.Role;

/** Reads the value of a correction as the kind its fact takes, and writes it back in one canonical form. */
final class CorrectedValue {

    static final int MAX_TEXT = 2000;

    private CorrectedValue() {
    }

    /** The value in canonical form (ISO date, true/false, enum name, stripped text); refused when it is not of the fact's kind. */
    static String canonical(CorrectableFact fact, String value) {
        if (value == null || value.isBlank()) {
            if (fact.valueKind() == CorrectableFact.ValueKind.TEXT && fact != CorrectableFact.NAME) {
                return "";
            }
            throw new InvalidCommandException("value", "value is required for " + fact);
        }
        String v = value.strip();
        return switch (fact.valueKind()) {
            case TEXT -> {
                if (v.length() > MAX_TEXT) {
                    throw new InvalidCommandException("value", "value may have at most " + MAX_TEXT + " characters");
                }
                yield v;
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(v).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidCommandException("value", fact + " takes an ISO date (YYYY-MM-DD), not '" + v + "'");
                }
            }
            case BOOLEAN -> {
                String lower = v.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new InvalidCommandException("value", fact + " takes true or false, not '" + v + "'");
                }
                yield lower;
            }
            case ROLE -> {
                java.util.Optional<String> unsupported = UnsupportedRoles.explain(v);
                if (unsupported.isPresent()) {
                    throw new InvalidCommandException("value", fact + " '" + v + "': " + unsupported.get());
                }
                yield enumName(Role.class, fact, v);
            }
            case DEVELOPED_BY -> enumName(DevelopedBy.class, fact, v);
            case END_REASON -> enumName(EndReason.class, fact, v);
        };
    }

    private static <E extends Enum<E>> String enumName(Class<E> type, CorrectableFact fact, String v) {
        try {
            return Enum.valueOf(type, v).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("value", fact + " takes one of " + List.of(type.getEnumConstants()) + ", not '" + v + "'");
        }
    }
}
