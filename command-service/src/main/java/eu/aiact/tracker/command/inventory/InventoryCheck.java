package eu.aiact.tracker.command.inventory;

import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.domain.system.AiSystemRules;
import eu.aiact.tracker.domain.system.InvalidCommandException;

/**
 * Checks the commands of an inventory row with the domain's rules before anything is sent: each command is decided by
 * {@link AiSystemRules} on the record the row's earlier commands give, exactly as the aggregate will decide it, and a refusal becomes a
 * problem in the column its field comes from. A refused command is left out and the next ones are checked on the record without it;
 * when the registration is refused, nothing after it can be.
 */
final class InventoryCheck {

    private static final String SIMULATED_ID = "import-check";
    private static final String EFFECTIVE_DATE = "effectiveDate";

    private final AiSystemRules rules = new AiSystemRules(() -> SIMULATED_ID + "-assessment");

    /**
     * The problems the rules find in the row's commands, one per column at most. A command refused for one of its values (an effective
     * date, a text the domain's text check refuses ...) is reported and then decided again without it (a date: as of today), so that
     * the rest of the row is still checked; once a date was refused the order of dates is no longer judged, nor when
     * {@code datesUnreliable} (a date cell could not be read).
     */
    List<ImportProblem> problems(InventoryRow row, LocalDate today, boolean datesUnreliable) {
        List<ImportProblem> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        AiSystemRecord record = new AiSystemRecord();
        Instant recordedAt = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean judgeDates = !datesUnreliable;
        long sequence = 0;
        for (PlannedCommand planned : row.commands()) {
            Object command = planned.command(SIMULATED_ID);
            Object event = null;
            while (event == null && command != null) {
                try {
                    event = rules.decide(record, command, today);
                } catch (InvalidCommandException refused) {
                    boolean aboutDate = EFFECTIVE_DATE.equals(refused.field());
                    String column = planned.columnOf(refused.field());
                    if ((judgeDates || !aboutDate) && reported.add(String.valueOf(column))) {
                        problems.add(new ImportProblem(row.row(), column, row.cell(column), message(refused, column)));
                    }
                    // decided again without the refused value, so that the rest of the row is still checked
                    command = without(command, refused.field());
                    judgeDates &= !aboutDate;
                }
            }
            if (event == null && sequence == 0) {
                break; // not registered: nothing after it can be decided
            }
            if (event != null) {
                record.apply(event, sequence++, recordedAt);
            }
        }
        return problems;
    }

    /**
     * The same command without the value of {@code field} (a date: today; a text: none), or null when the field is not one of the
     * command's own values or it had none to remove.
     */
    private static Object without(Object command, String field) {
        RecordComponent[] components = command.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean removed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(command);
                if (components[i].getName().equals(field) && values[i] != null && !types[i].isPrimitive()) {
                    values[i] = null;
                    removed = true;
                }
            }
            return removed ? command.getClass().getDeclaredConstructor(types).newInstance(values) : null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy " + command.getClass().getName(), e);
        }
    }

    /** The rule's message, with the command's field named as the column it came from. */
    private static String message(InvalidCommandException refused, String column) {
        String message = refused.getMessage();
        if (column != null && message.startsWith(refused.field() + " ")) {
            message = column + message.substring(refused.field().length());
        }
        if ("risk_basis".equals(column)) {
            message += " (risk_basis: KIND:reference, e.g. ANNEX_III_AREA:III.5(a); several separated by |)";
        }
        return message;
    }
}
