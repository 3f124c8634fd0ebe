package io.stagedoor.server.error;

import io.stagedoor.api.FieldError;
import java.util.List;

/** The request is well-formed but some fields are not acceptable; each is named with what is accepted. */
public final class InvalidInputException extends ApiException {

    public InvalidInputException(List<FieldError> errors) {
        super(
                400,
                "invalid-input",
                "Invalid input",
                errors.size() == 1
                        ? errors.getFirst().field() + ": " + errors.getFirst().message()
                        : errors.size() + " fields are invalid; see errors.",
                errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }
}
