package eu.aiact.tracker.query.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.domain.provision.Provision;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The classification bases stored before references were checked that name no provision of the catalogue, across every system: events
 * are never rewritten, so such a system is flagged for review ({@link AiSystemRecord#basesToReview()}) and listed here for
 * administrators. Worked out from the stored bases and the catalogue at each read, so a catalogue correction counts at once.
 */
@Repository
public class BasesToReview {

    /** One basis to review: which system (not its name or facts: administrators see no organisation's data beyond this), and what. */
    public record BasisToReview(String systemId, String organisation, LocalDate classifiedOn, BasisKind kind, String reference,
            List<String> nearest) {
    }

    private static final TypeReference<List<ClassificationBasis>> BASES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ProvisionCatalogue catalogue = ProvisionCatalogue.shipped();

    public BasesToReview(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The bases to review, by organisation and system, {@code limit} of them after the first {@code offset}. */
    public List<BasisToReview> list(int limit, int offset) {
        return jdbc.query(connection -> {
            var ps = connection.prepareStatement("""
                    SELECT id, organisation, state->>'classifiedOn', state->'bases' FROM ai_system
                    WHERE jsonb_typeof(state->'bases') = 'array' AND jsonb_array_length(state->'bases') > 0
                    ORDER BY organisation, id""");
            ps.setFetchSize(1000);
            return ps;
        }, rs -> {
            List<BasisToReview> out = new ArrayList<>();
            int skipped = 0;
            while (rs.next() && out.size() < limit) {
                List<ClassificationBasis> bases = json.readValue(rs.getString(4), BASES);
                for (ClassificationBasis basis : AiSystemRecord.basesToReview(bases, catalogue)) {
                    if (skipped++ < offset) {
                        continue;
                    }
                    if (out.size() < limit) {
                        String classifiedOn = rs.getString(3);
                        out.add(new BasisToReview(rs.getString(1), rs.getString(2), classifiedOn == null ? null : LocalDate.parse(classifiedOn),
                                basis == null ? null : basis.kind(), basis == null ? null : basis.reference(),
                                catalogue.nearest(basis == null ? "" : basis.reference(), basis == null ? null : basis.kind(),
                                        ProvisionCatalogue.NEAREST).stream().map(Provision::id).toList()));
                    }
                }
            }
            return out;
        });
    }
}
