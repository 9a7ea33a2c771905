package org.heard.kit.domain;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link NotInFuture} on the services' clock (made by Spring's validator factory, which passes the Clock bean). */
public class NotInFutureValidator implements ConstraintValidator<NotInFuture, LocalDate> {

    private final Clock clock;

    public NotInFutureValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
        return value == null || !Dates.inFuture(value, clock);
    }
}
