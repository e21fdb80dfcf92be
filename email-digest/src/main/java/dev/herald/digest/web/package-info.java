/**
 * HTTP concerns of the service: who may call what, and how errors look (RFC 9457).
 */
package dev.herald.digest.web;
