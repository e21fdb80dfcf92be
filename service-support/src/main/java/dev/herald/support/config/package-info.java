/**
 * Constraints shared by the services' {@code @Validated} configuration property records,
 * so that a bad value stops start-up with a message naming the property.
 */
package dev.herald.support.config;
