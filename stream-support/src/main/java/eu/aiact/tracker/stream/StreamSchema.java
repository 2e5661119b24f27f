package eu.aiact.tracker.stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates stream-support's tables ({@code db/stream-support}) in the service's schema, after the service's own migrations, with a
 * history table of their own ({@code stream_schema_history}): the services keep numbering their migrations as they like.
 */
public class StreamSchema {

    public StreamSchema(DataSource dataSource, String schema) {
        var configuration = Flyway.configure().dataSource(dataSource).table("stream_schema_history")
                .locations("classpath:db/stream-support").baselineOnMigrate(true).baselineVersion("0");
        if (schema != null && !schema.isBlank()) {
            configuration.schemas(schema).defaultSchema(schema);
        }
        configuration.load().migrate();
    }
}
