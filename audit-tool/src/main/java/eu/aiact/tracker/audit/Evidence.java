package eu.aiact.tracker.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.signing.SigningKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an auditor keeps: the log's public key and the checkpoints it signed (files as the command service serves them). */
final class Evidence {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Evidence() {
    }

    /** A key file: Base64 DER or PEM, or the JSON of {@code GET /api/audit/key}. */
    static PublicKey key(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            if (text.startsWith("{")) {
                text = JSON.readTree(text).required("publicKey").asString();
            }
            return SigningKeys.publicKey(text);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UsageException("the key file " + file + " holds no Ed25519 public key: " + e.getMessage());
        }
    }

    /** Checkpoint files, smallest first; each must be signed by {@code key}. */
    static List<Checkpoint> checkpoints(List<Path> files, PublicKey key) throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Path file : files) {
            Checkpoint checkpoint = checkpoint(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            if (!checkpoint.signedBy(key)) {
                throw new UsageException("the checkpoint " + file + " is not signed by the key given (key " + SigningKeys.keyId(key)
                        + ", the checkpoint names " + checkpoint.keyId() + "): it is no evidence of this log");
            }
            checkpoints.add(checkpoint);
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::treeSize));
        return checkpoints;
    }

    static Checkpoint checkpoint(String text, String source) {
        try {
            JsonNode node = JSON.readTree(text);
            return JSON.treeToValue(node, Checkpoint.class);
        } catch (JacksonException e) {
            throw new UsageException(source + " is not a checkpoint: " + e.getOriginalMessage());
        }
    }

    static String describe(Checkpoint checkpoint) {
        return "checkpoint of size " + checkpoint.treeSize() + " (root " + checkpoint.rootHash().substring(0, 16) + "…, signed "
                + checkpoint.issuedAt() + ")";
    }

    /** A mistake in how the tool was called or in the files it was given: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
