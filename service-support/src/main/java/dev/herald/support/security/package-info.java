/**
 * Bearer JWT decoding (HS256 secret in dev, JWKS in production; issuer and audience
 * checked) and minting of dev tokens.
 */
package dev.herald.support.security;
