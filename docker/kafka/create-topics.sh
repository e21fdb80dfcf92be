#!/bin/bash
# Creates Herald's topics and their dead-letter topics (DESIGN.md "Kafka topics") and
# (re)applies their configuration. Idempotent: safe to run on every start.
# Env: KAFKA_BOOTSTRAP, TOPIC_PARTITIONS (12), TOPIC_REPLICATION_FACTOR (1),
#      TOPIC_MIN_INSYNC_REPLICAS (1), DLT_RETENTION_MS (14 days).
set -euo pipefail
bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
partitions=${TOPIC_PARTITIONS:-12}
replication=${TOPIC_REPLICATION_FACTOR:-1}
min_isr=${TOPIC_MIN_INSYNC_REPLICAS:-1}
dlt_retention=${DLT_RETENTION_MS:-1209600000}
bin=/opt/kafka/bin

create() {
  local topic=$1 config=$2
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$replication"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter \
    --entity-type topics --entity-name "$topic" --add-config "$config"
}

# A dead-letter record keeps its source partition, so a .dlt has as many partitions.
for topic in social.events.v1 notifications.v1 subscriptions.v1; do
  create "$topic" "cleanup.policy=delete,min.insync.replicas=$min_isr"
  create "$topic.dlt" "cleanup.policy=delete,retention.ms=$dlt_retention,min.insync.replicas=$min_isr"
done
for topic in user-preferences.v1 user-contacts.v1; do
  create "$topic" "cleanup.policy=compact,min.insync.replicas=$min_isr,delete.retention.ms=86400000"
  create "$topic.dlt" "cleanup.policy=delete,retention.ms=$dlt_retention,min.insync.replicas=$min_isr"
done
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --describe --exclude-internal | grep -E '^Topic:' || true
echo "Herald topics ready"
