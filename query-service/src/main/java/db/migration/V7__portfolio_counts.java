package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import eu.aiact.tracker.query.portfolio.PortfolioCounts;

/**
 * The portfolio's counts, kept by the projection from now on ({@link PortfolioCounts}), counted once over the projection as it is: the
 * portfolio is right from the first request after the upgrade, without waiting for a rebuild.
 */
public class V7__portfolio_counts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("""
                    CREATE TABLE portfolio_count (
                        organisation VARCHAR(200) NOT NULL,
                        measure      VARCHAR(100) NOT NULL,
                        key          TEXT         NOT NULL,
                        n            BIGINT       NOT NULL,
                        PRIMARY KEY (organisation, measure, key)
                    )""");
        }
        PortfolioCounts.recount(context.getConnection(), PortfolioCounts.TABLE, PortfolioCounts.Part.SYSTEMS.table(),
                PortfolioCounts.Part.OBLIGATIONS.table(), PortfolioCounts.Part.MOVES.table());
    }
}
