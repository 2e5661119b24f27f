package eu.aiact.tracker.notifier.coverage;

import java.util.List;
import java.util.Map;

/**
 * Whether an organisation's alerts reach a person.
 *
 * @param openObligations        obligations not fulfilled or not applicable of systems not ended (and violations)
 * @param recipients             whether recipients are configured at all
 * @param cioOffice              whether a CIO-office address is configured (the person every alert reaches)
 * @param webhook                whether a webhook is configured
 * @param digest                 whether the CIO office gets a daily digest instead of mails at once
 * @param failing                per channel, deliveries that are being retried or are dead letters, with the last error
 * @param alertsReachingNoPerson alerts no mail carried (no recipient), and alerts whose mail became a dead letter
 * @param covered                a reachable CIO-office recipient: configured, and its mails not failing
 * @param warnings               what is wrong, in words
 */
public record OrganisationCoverage(String organisation, long systems, long openObligations, boolean recipients, boolean cioOffice,
        boolean webhook, boolean digest, Map<String, ChannelHealth> failing, long alertsReachingNoPerson, boolean covered,
        List<String> warnings) {

    /** @param retrying deliveries that failed and wait for another attempt; @param dead dead letters */
    public record ChannelHealth(long retrying, long dead, String lastError) {
    }
}
