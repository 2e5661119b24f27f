package eu.aiact.tracker.api.classification;

/** One legal ground of a classification: its kind and the provision it points at. */
public record ClassificationBasis(BasisKind kind, String reference) {
}
