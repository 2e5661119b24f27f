package eu.aiact.tracker.query.rulebook;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.query.portfolio.PortfolioCounts;

/** The {@code rulebook_application} and {@code obligation_change} tables. */
@Repository
public class RulebookApplications {

    private final JdbcTemplate jdbc;
    private final PortfolioCounts counts;

    public RulebookApplications(JdbcTemplate jdbc, PortfolioCounts counts) {
        this.jdbc = jdbc;
        this.counts = counts;
    }

    /** Records the application; false when this version was recorded already (a redelivery or a second event). */
    public boolean record(AppliedVersion applied) {
        return jdbc.update("""
                INSERT INTO rulebook_application (version_id, title, legal_source, effective_date, event_id, recorded_at, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version_id) DO NOTHING""",
                applied.versionId(), applied.title(), applied.legalSource(), Date.valueOf(applied.effectiveDate()), applied.eventId(),
                Timestamp.from(applied.recordedAt()), applied.actor()) == 1;
    }

    /** Adds to the version's count of moved due dates (one part of what it moved), and sets how many systems were evaluated. */
    /** A decided application's moves were copied: its counts are the systems it evaluated and the rows recorded for it (each once). */
    public void movesCopied(String versionId, int systemsEvaluated) {
        jdbc.update("""
                UPDATE rulebook_application SET systems_recomputed = ?,
                       obligations_moved = (SELECT count(*) FROM obligation_change WHERE version_id = ?) WHERE version_id = ?""",
                systemsEvaluated, versionId, versionId);
    }

    public void counts(String versionId, int systemsRecomputed, int obligationsMoved) {
        jdbc.update("UPDATE rulebook_application SET systems_recomputed = ?, obligations_moved = ? WHERE version_id = ?",
                systemsRecomputed, obligationsMoved, versionId);
    }

    public Map<String, AppliedVersion> byVersion() {
        return jdbc.query("SELECT * FROM rulebook_application ORDER BY effective_date, version_id", RulebookApplications::applied).stream()
                .collect(Collectors.toMap(AppliedVersion::versionId, Function.identity()));
    }

    /**
     * Records these changes, each once (a change read again, by a rebuild or a redelivery, is not). Call within a transaction: the
     * portfolio's counts follow ({@link PortfolioCounts}).
     */
    public void recordChanges(List<ObligationChange> changes) {
        counts.around(PortfolioCounts.Part.MOVES, changes.stream().map(ObligationChange::systemId).toList(), () -> insert(changes));
    }

    private void insert(List<ObligationChange> changes) {
        jdbc.batchUpdate("""
                INSERT INTO obligation_change (version_id, event_id, system_id, organisation, system_name, code, article, old_due_date,
                                               new_due_date, old_rulebook, new_rulebook, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, system_id, code) DO NOTHING""",
                changes.stream().map(c -> new Object[] {c.versionId(), c.eventId(), c.systemId(), c.organisation(), c.systemName(),
                        c.code(), c.article(), date(c.oldDueDate()), date(c.newDueDate()), c.oldRulebook(), c.newRulebook(),
                        Timestamp.from(c.changedAt())}).toList());
    }

    /** Changes, newest application first; null arguments do not filter. */
    public List<ObligationChange> changes(String versionId, String organisation, String systemId, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM obligation_change WHERE true");
        List<Object> args = new ArrayList<>();
        if (versionId != null) {
            sql.append(" AND version_id = ?");
            args.add(versionId);
        }
        if (organisation != null) {
            sql.append(" AND organisation = ?");
            args.add(organisation);
        }
        if (systemId != null) {
            sql.append(" AND system_id = ?");
            args.add(systemId);
        }
        sql.append(" ORDER BY changed_at DESC, organisation, system_name, system_id, code LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), RulebookApplications::change, args.toArray());
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static AppliedVersion applied(ResultSet rs, int n) throws SQLException {
        return new AppliedVersion(rs.getString("version_id"), rs.getString("title"), rs.getString("legal_source"),
                rs.getDate("effective_date").toLocalDate(), rs.getString("event_id"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("actor"), rs.getInt("systems_recomputed"), rs.getInt("obligations_moved"));
    }

    private static ObligationChange change(ResultSet rs, int n) throws SQLException {
        return new ObligationChange(rs.getString("version_id"), rs.getString("event_id"), rs.getString("system_id"),
                rs.getString("organisation"), rs.getString("system_name"), rs.getString("code"), rs.getString("article"),
                localDate(rs.getDate("old_due_date")), localDate(rs.getDate("new_due_date")), rs.getString("old_rulebook"),
                rs.getString("new_rulebook"), rs.getTimestamp("changed_at").toInstant());
    }
}
