/**
 * One command runs Herald: embedded Kafka, PostgreSQL, HiveMQ CE and GreenMail in this
 * JVM, the five services as child JVMs. Also the launcher of the end-to-end and fault
 * tests.
 */
package dev.herald.devstack;
