/**
 * Turning a claimed digest into an e-mail (Thymeleaf HTML and plain text, localized,
 * unsubscribe headers) and sending it over SMTP with retries for temporary failures.
 */
package dev.herald.digest.delivery;
