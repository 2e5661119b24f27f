package eu.aiact.tracker.api.envelope;

import java.util.List;

/**
 * The command service's signature of an envelope, inside the envelope's JSON. The publisher signs a batch of envelopes at once: the
 * digests of the batch's envelopes ({@link EnvelopeDigest}) are the leaves of an RFC 9162 Merkle tree, whose root it signs with Ed25519
 * (the message is {@value EnvelopeSigner#BATCH_FORMAT}, a newline, and the 32 bytes of the root); each envelope carries the signature and
 * its own inclusion proof in that tree. One signature per batch instead of one per event, and each envelope is still verified alone.
 *
 * @param keyId      the signing key's id (the first 8 bytes of the SHA-256 of its public key, hex)
 * @param batchSize  how many envelopes were signed together
 * @param batchIndex this envelope's place among them, from 0
 * @param path       the inclusion proof of this envelope's digest in the batch's tree, hex, leaf first
 * @param value      the Ed25519 signature of the batch's root, Base64
 */
public record EnvelopeSignature(String keyId, int batchSize, int batchIndex, List<String> path, String value) {
}
