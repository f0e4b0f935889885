package io.pjctrl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field that {@link PjctrlInfraResource} fills: a {@link KafkaBroker}, a {@link TestDatabase},
 * the run's {@link TestTopics} or a {@code KafkaCompanion} connected to the broker.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectInfra {
}
