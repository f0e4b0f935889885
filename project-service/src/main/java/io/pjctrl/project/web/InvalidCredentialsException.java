package io.pjctrl.project.web;

/** 401 from login: unknown email or wrong password, deliberately indistinguishable. */
public class InvalidCredentialsException extends ApiException {

    public InvalidCredentialsException() {
        super("invalid email or password");
    }

    @Override
    public Problem problem() {
        return Problem.of(401, "invalid-credentials", "Unauthorized", getMessage());
    }
}
