package dev.herald.ingest.subscription;

/**
 * What a subscription call wrote to Kafka.
 *
 * @param changeId the id of the {@code SubscriptionChange} record
 * @param topic the topic
 * @param users how many distinct users it names
 * @param subscribed whether they now follow the topic
 */
record SubscriptionChangeResult(String changeId, String topic, int users, boolean subscribed) {

}
