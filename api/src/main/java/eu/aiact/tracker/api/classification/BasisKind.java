package eu.aiact.tracker.api.classification;

/** The legal ground for a risk class. */
public enum BasisKind {
    /** A prohibited practice of Art 5; reference e.g. "5(1)(c)". */
    ART5_PRACTICE,
    /** An Annex III high-risk area (Art 6(2)); reference e.g. "III.5(a)". */
    ANNEX_III_AREA,
    /** A product or safety component under Annex I harmonisation law (Art 6(1)); reference names the act. */
    ANNEX_I_PRODUCT,
    /** A transparency type of Art 50; reference one of "50(1)", "50(2)", "50(3)", "50(4)". */
    ART50_TYPE,
    /** An Annex III system the provider documented as not high-risk (Art 6(3)); reference names the condition, e.g. "6(3)(a)". */
    ART6_3_EXEMPTION
}
