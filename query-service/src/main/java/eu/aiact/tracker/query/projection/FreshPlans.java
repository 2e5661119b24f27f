package eu.aiact.tracker.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.postgresql.PGStatement;

/**
 * Statements that PostgreSQL must plan on every execution, for the table as it is then. A statement the driver prepares on the server
 * (from its fifth execution) may be given a generic plan that is cached for as long as the table's statistics stand. Right after a
 * rebuild emptied the projection's tables, that plan is a sequential scan (the cheapest for an empty table), and it stays while the
 * rebuild fills the tables again: reading or deleting a batch's 1,000 systems by {@code = ANY(?)} then scans every row, hundreds of ms
 * per batch and growing, until autovacuum's next analyze. Planned with the actual array and table, the same statements use the index.
 */
public final class FreshPlans {

    private FreshPlans() {
    }

    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        if (ps.isWrapperFor(PGStatement.class)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0); // an unnamed statement: planned at each execution with its parameters
        }
        return ps;
    }
}
