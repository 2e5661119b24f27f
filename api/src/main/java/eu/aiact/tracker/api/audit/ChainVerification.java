package eu.aiact.tracker.api.audit;

/**
 * The outcome of recomputing the chain: whether it holds, how many links were checked, the hash of the last good link, and the first
 * break (null when none).
 */
public record ChainVerification(boolean intact, long linksChecked, String headHash, ChainBreak firstBreak) {
}
