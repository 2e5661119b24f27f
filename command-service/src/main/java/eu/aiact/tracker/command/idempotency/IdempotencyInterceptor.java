package eu.aiact.tracker.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.aiact.tracker.api.system.RegisterAiSystem;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a command sent again under the same client-supplied idempotency key a no-op: the key, a fingerprint of the command and its result
 * are written in the same transaction as the command's events, so either both are stored or neither. A retry finds the key and gets the
 * first answer back; a different command under a used key is refused.
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String METADATA_KEY = "idempotencyKey";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public IdempotencyInterceptor(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(METADATA_KEY);
        if (key == null) {
            return chain.proceed();
        }
        String fingerprint = fingerprint(command);
        List<String[]> earlier = jdbc.query("SELECT fingerprint, command_type, result FROM idempotency_key WHERE key = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, key.toString());
        if (!earlier.isEmpty()) {
            String[] first = earlier.get(0);
            if (!first[0].equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(key.toString(), first[1]);
            }
            return new IdempotentReplay(first[2]);
        }
        Object result = chain.proceed();
        jdbc.update("INSERT INTO idempotency_key (key, command_type, fingerprint, result) VALUES (?, ?, ?, ?)",
                key.toString(), command.getCommandName(), fingerprint, String.valueOf(result));
        return result;
    }

    /**
     * The command's name and payload, hashed. A registration's generated system id is left out: a retried registration carries a new one.
     */
    private String fingerprint(CommandMessage<?> command) throws NoSuchAlgorithmException {
        ObjectNode payload = json.valueToTree(command.getPayload());
        if (command.getPayload() instanceof RegisterAiSystem) {
            payload.remove("systemId");
        }
        String text = command.getCommandName() + ":" + json.writeValueAsString(payload);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
