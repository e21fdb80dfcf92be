package dev.herald.support.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A duration that is set and longer than zero: an interval, a timeout, a retention.
 * Jakarta Validation has no duration constraint of its own; this one names the rule once
 * for every property record instead of {@code @NotNull @DurationMin(nanos = 1)} on each
 * component.
 */
@NotNull
@DurationMin(nanos = 1)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
public @interface PositiveDuration {

	String message() default "must be a duration longer than zero";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
