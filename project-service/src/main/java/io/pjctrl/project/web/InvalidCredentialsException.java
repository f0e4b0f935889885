package io.pjctrl.project.web;

import io.pjctrl.web.problem.Problem;
import io.pjctrl.web.problem.ProblemType;

/** 401 from login: unknown email or wrong password, deliberately indistinguishable. */
public class InvalidCredentialsException extends ApiException {

    public InvalidCredentialsException() {
        super("invalid email or password");
    }

    @Override
    public Problem problem() {
        return Problem.of(ProblemType.INVALID_CREDENTIALS, getMessage());
    }
}
