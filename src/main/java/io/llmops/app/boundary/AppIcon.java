package io.llmops.app.boundary;

import io.llmops.app.control.Icons;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An app icon: an emoji or an http(s) URL of at most 255 characters ({@link Icons}); null passes. */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AppIcon.Check.class)
public @interface AppIcon {

    String message() default "must be an emoji or an http(s) URL of at most 255 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<AppIcon, String> {
        @Override
        public boolean isValid(String icon, ConstraintValidatorContext context) {
            return icon == null || Icons.isValid(icon);
        }
    }
}
