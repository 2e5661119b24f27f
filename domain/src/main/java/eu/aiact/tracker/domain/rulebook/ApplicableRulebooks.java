package eu.aiact.tracker.domain.rulebook;

import java.util.ArrayList;
import java.util.List;

/** The rulebooks that apply on one date: the EU version in force and the national rule sets in force beside it. */
public final class ApplicableRulebooks {

    private final Rulebook eu;
    private final List<Rulebook> national;
    private final List<Rulebook> all;

    public ApplicableRulebooks(Rulebook eu, List<Rulebook> national) {
        if (eu == null || eu.kind() != RulebookKind.EU) {
            throw new IllegalArgumentException("An EU rulebook version is required");
        }
        this.eu = eu;
        this.national = List.copyOf(national);
        List<Rulebook> list = new ArrayList<>();
        list.add(eu);
        list.addAll(this.national);
        this.all = List.copyOf(list);
    }

    public Rulebook eu() {
        return eu;
    }

    public List<Rulebook> national() {
        return national;
    }

    /** The EU version first, then the national rule sets. */
    public List<Rulebook> all() {
        return all;
    }

    @Override
    public String toString() {
        return all.stream().map(Rulebook::id).toList().toString();
    }
}
