package eu.aiact.tracker.webapp.backend;

/** The user's access token expired or was refused (401): the session ends and the user signs in again. */
public class SignInAgainException extends RuntimeException {

    public SignInAgainException(String message) {
        super(message);
    }
}
