#!/bin/sh
# Adds (or updates) the device gateway's MQTT account from HERALD_MQTT_PASSWORD, then runs
# Mosquitto. Player accounts added with mosquitto_passwd stay in the same file (a volume).
set -eu
passwd=/mosquitto/data/passwd
: "${HERALD_MQTT_PASSWORD:?set HERALD_MQTT_PASSWORD in .env}"
[ -f "$passwd" ] || touch "$passwd"
mosquitto_passwd -b "$passwd" herald-device "$HERALD_MQTT_PASSWORD"
chown mosquitto:mosquitto "$passwd"
chmod 0600 "$passwd"
exec /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf
