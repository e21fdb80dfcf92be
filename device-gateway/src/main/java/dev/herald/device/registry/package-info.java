/**
 * The device registry: which players a user has, and how each wants to be paced. A player
 * key belongs to one user; REST for owners and for admin services.
 */
package dev.herald.device.registry;
