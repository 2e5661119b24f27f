package eu.aiact.tracker.command.inventory;

import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
     * The problems the rules find in the row's commands. A command refused for its effective date is reported and then decided again
     * without it (as of today), so that the rest of the row is still checked; the order of dates is then no longer judged, nor when
     * {@code datesUnreliable} (a date cell could not be read).
     */
    List<ImportProblem> problems(InventoryRow row, LocalDate today, boolean datesUnreliable) {
        List<ImportProblem> problems = new ArrayList<>();
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
                    if (judgeDates || !aboutDate) {
                        String column = planned.columnOf(refused.field());
                        problems.add(new ImportProblem(row.row(), column, row.cell(column), message(refused, column)));
                    }
                    command = aboutDate ? withoutEffectiveDate(command) : null;
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

    /** The same command with no effective date (today), or null when it had none to remove. */
    private static Object withoutEffectiveDate(Object command) {
        RecordComponent[] components = command.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean removed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(command);
                if (components[i].getName().equals(EFFECTIVE_DATE) && values[i] != null) {
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
