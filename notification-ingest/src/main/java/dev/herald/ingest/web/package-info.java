/**
 * HTTP plumbing shared by the features: bearer-token security, the body size limit,
 * problem+json answers and the OpenAPI description.
 */
package dev.herald.ingest.web;
