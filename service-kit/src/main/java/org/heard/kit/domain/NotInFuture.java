package org.heard.kit.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A date in a request that says when something happened: not in the future, by {@link Dates#inFuture} on the
 * services' one clock (the {@code Clock} bean, Europe/London), so a request is refused (400 naming the field) by the
 * same rule, on the same day, as the aggregate that records it would refuse the command (409 {@code date-in-future}).
 * Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = NotInFutureValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotInFuture {

    String message() default "cannot lie in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
