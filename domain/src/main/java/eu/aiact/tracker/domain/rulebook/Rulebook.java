package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One rulebook version (a version of the AI Act) or national / organisational rule set, as loaded from one file.
 *
 * @param id          e.g. {@code ai-act-2024}, {@code ai-act-2026-omnibus}, {@code nl-national-commitments}
 * @param legalSource the legal act, e.g. "Regulation (EU) 2024/1689"
 * @param publishedIn where it was published, e.g. "OJ L, 2024/1689, 12.7.2024"
 * @param inForceFrom the date it entered into force (from which it is the applicable version)
 * @param file        the file it was loaded from
 */
public record Rulebook(String id, String title, RulebookKind kind, String legalSource, String publishedIn, LocalDate inForceFrom,
        String note, String file, Map<String, Milestone> milestones, List<Rule> rules) {
}
