package eu.aiact.tracker.api.compliance;

/** Risk assessments Dutch government bodies do: DPIA (GDPR Art 35), IAMA (human rights), FRIA (AI Act Art 27), a pre-scan, or another. */
public enum AssessmentType {
    DPIA,
    IAMA,
    FRIA,
    PRE_SCAN,
    OTHER
}
