package io.pjctrl.project.auth;

/** OAuth-style token response: {@code access_token}, {@code token_type} (Bearer), {@code expires_in} seconds. */
public record LoginResponse(String accessToken, String tokenType, long expiresIn) {
}
