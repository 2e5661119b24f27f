package eu.aiact.tracker.api.audit;

/**
 * The outcome of recomputing the log: whether it holds, how many links were checked, the hash of the last good link, the first break
 * (null when none), the Merkle tree recomputed over those links, how many committed events wait to be integrated (not a break), and how
 * many signed checkpoints the log was found to extend.
 *
 * @param intact              no break found
 * @param linksChecked        links of the hash chain recomputed and found right, from position 1
 * @param headHash            the hash of the last of them (hex)
 * @param firstBreak          the first place where the log does not hold, or null
 * @param treeSize            the leaves of the recomputed Merkle tree (= linksChecked)
 * @param rootHash            its RFC 9162 root (hex)
 * @param pendingEvents       committed events the sequencer has not integrated yet; they are not covered, and that is not a break
 * @param checkpointsVerified signed checkpoints whose tree the log was found to extend
 */
public record ChainVerification(boolean intact, long linksChecked, String headHash, ChainBreak firstBreak, long treeSize, String rootHash,
        long pendingEvents, long checkpointsVerified) {
}
