package eu.aiact.tracker.command.inventory;

import java.util.Map;
import java.util.function.Function;

/**
 * One command an inventory row asks of the command service, as the command record itself (built for the system's id once it is known).
 *
 * @param step    short name of the step, part of the idempotency key (register, classification, assessment-DPIA, ...)
 * @param build   the command for a system id
 * @param columns which column of the file each of the command's fields comes from, so that a refusal names the column (a field not
 *                listed is named by its prefix, e.g. {@code bases[0].reference} by {@code bases})
 */
public record PlannedCommand(String step, Function<String, Object> build, Map<String, String> columns) {

    public Object command(String systemId) {
        return build.apply(systemId);
    }

    /** The column a field of the command comes from, or null when it comes from no column (a problem of the whole row). */
    public String columnOf(String field) {
        if (field == null) {
            return null;
        }
        String column = columns.get(field);
        if (column == null) {
            int cut = field.indexOf('[') >= 0 ? field.indexOf('[') : field.indexOf('.');
            column = cut > 0 ? columns.get(field.substring(0, cut)) : null;
        }
        return column;
    }
}
