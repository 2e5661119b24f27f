package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Event: the system was registered in {@code register} under {@code registerId} on {@code effectiveDate}. {@code reviewDate} was added
 * later: events recorded before lack it (null) and are read as carrying no review date.
 *
 * @param reviewDate for the Algoritmeregister: the entry's review date (herzieningsdatum), by which the entry is to be reviewed; null when
 *                   none was given
 */
public record PublicRegistrationRecorded(
        String systemId,
        PublicRegister register,
        AlgoritmeregisterCategory category,
        String registerId,
        LocalDate effectiveDate,
        LocalDate reviewDate) {

    @JsonCreator
    public PublicRegistrationRecorded {
    }

    /** A registration without a review date (recorded before the fact existed). */
    public PublicRegistrationRecorded(String systemId, PublicRegister register, AlgoritmeregisterCategory category, String registerId,
            LocalDate effectiveDate) {
        this(systemId, register, category, registerId, effectiveDate, null);
    }
}
