package eu.aiact.tracker.domain.provision;

import java.util.List;

import eu.aiact.tracker.api.classification.BasisKind;

/**
 * One legal provision a classification may name as its basis: an Art 5(1) practice, an Annex III point or letter, an Annex I section or
 * act, an Art 50 paragraph, an Art 6(3) condition. Read from a catalogue file (format in {@code provisions/README.md}).
 *
 * @param id        the canonical id, e.g. {@code 5(1)(c)}, {@code III.5(a)}, {@code I.A.11}, {@code 50(2)}, {@code 6(3)(a)}; stored in new events
 * @param kind      the basis kind it grounds
 * @param parent    the id of the provision it belongs to (an Annex III letter to its point, an Annex I act to its section), or null; a
 *                  rule condition naming the parent holds for its children
 * @param aliases   other spellings that resolve to it (besides the variants {@link ReferenceKey} treats as equal)
 * @param source    where it is in the law
 * @param act       for an Annex I act, its number (e.g. {@code 2017/745}): a reference naming that number resolves to it; else null
 * @param catalogue the id of the catalogue file it comes from
 */
public record Provision(String id, BasisKind kind, String parent, Title title, List<String> aliases, String source, String act,
        String note, String catalogue) {

    /** The provision's title in Dutch and English. */
    public record Title(String nl, String en) {
    }

    /** {@code id title} in English, for messages. */
    public String label() {
        return id + " (" + title.en() + ")";
    }
}
