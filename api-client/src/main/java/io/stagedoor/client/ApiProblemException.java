package io.stagedoor.client;

import io.stagedoor.api.Problem;

/** The server answered with an error; {@link #problem()} carries its RFC 9457 details. */
public final class ApiProblemException extends StagedoorClientException {

    private final Problem problem;

    public ApiProblemException(Problem problem) {
        super(describe(problem));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    private static String describe(Problem problem) {
        var message = new StringBuilder().append(problem.status()).append(' ').append(problem.title());
        if (problem.detail() != null) {
            message.append(": ").append(problem.detail());
        }
        problem.errors()
                .forEach(
                        e -> message.append("; ").append(e.field()).append(": ").append(e.message()));
        return message.toString();
    }
}
