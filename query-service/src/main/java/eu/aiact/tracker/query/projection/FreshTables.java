package eu.aiact.tracker.query.projection;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fresh copies of projection tables, filled beside the ones readers use and swapped in when complete: {@code <table>_next} has the
 * table's columns, defaults and checks but no index while it is filled (bulk writes into a table without indexes are the cheapest);
 * its keys and indexes are built from the table's own definitions (as its migrations made them) just before the swap, which drops the
 * old table and gives the new one, its keys and indexes the old names, in the caller's transaction: readers see the old rows until it
 * commits, then the new ones.
 */
@Component
public class FreshTables {

    public static final String SUFFIX = "_next";
    private static final int MAX_NAME = 63;

    private final JdbcTemplate jdbc;

    public FreshTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String next(String table) {
        return table + SUFFIX;
    }

    /** Drops what an earlier rebuild may have left and creates each table's fresh copy, empty and without indexes. */
    public void create(String... tables) {
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + next(table));
            jdbc.execute("CREATE TABLE " + next(table) + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)");
        }
    }

    /** Builds the fresh copy's keys (primary, unique, exclusion) and indexes as the table has them, under names ending in the suffix. */
    public void index(String table) {
        List<String> statements = new ArrayList<>();
        jdbc.query("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u', 'x') ORDER BY conname""", rs -> {
            statements.add("ALTER TABLE " + next(table) + " ADD CONSTRAINT " + nextName(rs.getString(1)) + " " + rs.getString(2));
        }, table);
        jdbc.query("""
                SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisunique FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = to_regclass(?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
                ORDER BY i.relname""", rs -> {
            String definition = rs.getString(2);
            int using = definition.indexOf(" USING ");
            if (using < 0) {
                throw new IllegalStateException("Cannot read the definition of index " + rs.getString(1) + ": " + definition);
            }
            statements.add("CREATE " + (rs.getBoolean(3) ? "UNIQUE " : "") + "INDEX " + nextName(rs.getString(1)) + " ON " + next(table)
                    + definition.substring(using));
        }, table);
        statements.forEach(jdbc::execute);
        jdbc.execute("ANALYZE " + next(table));
    }

    /** The fresh copy becomes the table: the old one is dropped, the copy and its indexes take their names. */
    public void swap(String table) {
        List<String> indexes = jdbc.queryForList("""
                SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(?)""",
                String.class, next(table));
        jdbc.execute("DROP TABLE " + table);
        jdbc.execute("ALTER TABLE " + next(table) + " RENAME TO " + table);
        for (String index : indexes) {
            if (index.endsWith(SUFFIX)) {
                // renaming the index of a key renames the key as well
                jdbc.execute("ALTER INDEX " + index + " RENAME TO " + index.substring(0, index.length() - SUFFIX.length()));
            }
        }
    }

    private static String nextName(String name) {
        String next = name + SUFFIX;
        if (next.length() > MAX_NAME) {
            throw new IllegalStateException("The name " + name + " is too long for a fresh copy's " + next);
        }
        return next;
    }
}
