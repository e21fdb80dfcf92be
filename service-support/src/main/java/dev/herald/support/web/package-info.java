/**
 * RFC 9457 problem+json answers that name every bad field.
 */
package dev.herald.support.web;
