{{/*
Naming, labels and shared snippets. Components are keyed as in values.yaml
(ingest, store, push, device, digest, webpush); "herald.components" maps each key to its module.
*/}}

{{- define "herald.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "herald.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "herald.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The six services: module name (also the component label) and port env var. */}}
{{- define "herald.components" -}}
ingest:
  module: notification-ingest
  portEnv: HERALD_INGEST_PORT
store:
  module: notification-store
  portEnv: HERALD_STORE_PORT
push:
  module: push-gateway
  portEnv: HERALD_PUSH_PORT
device:
  module: device-gateway
  portEnv: HERALD_DEVICE_PORT
digest:
  module: email-digest
  portEnv: HERALD_DIGEST_PORT
webpush:
  module: web-push
  portEnv: HERALD_WEBPUSH_PORT
{{- end -}}

{{/* The keys of the six components, in the order the templates render them. Usage: include "herald.componentKeys" $ | splitList " " */}}
{{- define "herald.componentKeys" -}}
ingest store push device digest webpush
{{- end -}}

{{/* Module name of a component. Usage: include "herald.module" (dict "key" "push") */}}
{{- define "herald.module" -}}
{{- $components := include "herald.components" . | fromYaml -}}
{{- (index $components .key).module -}}
{{- end -}}

{{/* Resource name of a component. Usage: include "herald.componentName" (dict "key" "push" "context" $) */}}
{{- define "herald.componentName" -}}
{{- printf "%s-%s" (include "herald.fullname" .context) (include "herald.module" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "herald.labels" -}}
helm.sh/chart: {{ include "herald.chart" . }}
{{ include "herald.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: herald
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "herald.selectorLabels" -}}
app.kubernetes.io/name: {{ include "herald.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of a component. Usage: include "herald.componentLabels" (dict "key" "push" "context" $) */}}
{{- define "herald.componentLabels" -}}
{{ include "herald.labels" .context }}
app.kubernetes.io/component: {{ include "herald.module" . }}
{{- end -}}

{{- define "herald.componentSelectorLabels" -}}
{{ include "herald.selectorLabels" .context }}
app.kubernetes.io/component: {{ include "herald.module" . }}
{{- end -}}

{{- define "herald.annotations" -}}
{{- with .Values.commonAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Image reference. Usage: include "herald.image" (dict "image" .Values.push.image "context" $) */}}
{{- define "herald.image" -}}
{{- $registry := default .image.registry .context.Values.global.imageRegistry -}}
{{- $tag := default .context.Chart.AppVersion .image.tag | toString -}}
{{- $prefix := ternary "" (printf "%s/" $registry) (empty $registry) -}}
{{- if .image.digest -}}
{{- printf "%s%s@%s" $prefix .image.repository .image.digest -}}
{{- else -}}
{{- printf "%s%s:%s" $prefix .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Pod imagePullSecrets, or nothing. Usage: include "herald.imagePullSecrets" (dict "Values" .Values "image" .Values.push.image) */}}
{{- define "herald.imagePullSecrets" -}}
{{- $secrets := concat (.Values.global.imagePullSecrets | default list) (.image.pullSecrets | default list) | uniq -}}
{{- if $secrets -}}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{- define "herald.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "herald.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "herald.configMapName" -}}
{{- printf "%s-config" (include "herald.fullname" .) -}}
{{- end -}}

{{- define "herald.secretName" -}}
{{- printf "%s-secrets" (include "herald.fullname" .) -}}
{{- end -}}

{{- define "herald.authSecretName" -}}
{{- default (include "herald.secretName" .) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "herald.databaseSecretName" -}}
{{- default (include "herald.secretName" .) .Values.externalDatabase.existingSecret -}}
{{- end -}}

{{- define "herald.databaseSecretKey" -}}
{{- ternary .Values.externalDatabase.existingSecretPasswordKey "db-password" (not (empty .Values.externalDatabase.existingSecret)) -}}
{{- end -}}

{{- define "herald.mqttSecretName" -}}
{{- default (include "herald.secretName" .) .Values.externalMqtt.existingSecret -}}
{{- end -}}

{{- define "herald.smtpSecretName" -}}
{{- default (include "herald.secretName" .) .Values.externalSmtp.existingSecret -}}
{{- end -}}

{{- define "herald.smtpSecretKey" -}}
{{- ternary .Values.externalSmtp.existingSecretPasswordKey "smtp-password" (not (empty .Values.externalSmtp.existingSecret)) -}}
{{- end -}}

{{- define "herald.vapidSecretName" -}}
{{- default (include "herald.secretName" .) .Values.webpush.vapid.existingSecret -}}
{{- end -}}

{{- define "herald.vapidPublicKeyKey" -}}
{{- ternary .Values.webpush.vapid.existingSecretPublicKeyKey "vapid-public-key" (not (empty .Values.webpush.vapid.existingSecret)) -}}
{{- end -}}

{{- define "herald.vapidPrivateKeyKey" -}}
{{- ternary .Values.webpush.vapid.existingSecretPrivateKeyKey "vapid-private-key" (not (empty .Values.webpush.vapid.existingSecret)) -}}
{{- end -}}

{{- define "herald.mqttSecretKey" -}}
{{- ternary .Values.externalMqtt.existingSecretPasswordKey "mqtt-password" (not (empty .Values.externalMqtt.existingSecret)) -}}
{{- end -}}

{{/*
A generated secret value that survives upgrades: the given value, else (on upgrade) the one
already in the release's Secret, else a new random one. lookup is skipped on install, where
there is nothing to find and `helm template` has no cluster to ask.
Usage: include "herald.secretValue" (dict "value" .Values.auth.jwt.secret "key" "jwt-secret" "context" $)
*/}}
{{- define "herald.secretValue" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := dict -}}
{{- if .context.Release.IsUpgrade -}}
{{- $existing = lookup "v1" "Secret" .context.Release.Namespace (include "herald.secretName" .context) -}}
{{- end -}}
{{- if and $existing (hasKey ($existing.data | default dict) .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 64 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* An env var read from the shared ConfigMap. Usage: include "herald.configEnv" (dict "name" "HERALD_KAFKA_BOOTSTRAP" "context" $) */}}
{{- define "herald.configEnv" -}}
- name: {{ .name }}
  valueFrom:
    configMapKeyRef:
      name: {{ include "herald.configMapName" .context }}
      key: {{ default .name .key }}
{{- end -}}

{{- define "herald.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/*
Environment of a component: only the names its application.yml reads
(deploy-tests checks this against each module's ${HERALD_...} placeholders), and the
JVM's JAVA_TOOL_OPTIONS and glibc's MALLOC_ARENA_MAX.
Usage: include "herald.env" (dict "key" "push" "context" $)
*/}}
{{- define "herald.env" -}}
{{- $ctx := .context -}}
{{- $components := include "herald.components" . | fromYaml -}}
{{- $component := index $components .key -}}
{{- $values := index $ctx.Values .key -}}
- name: {{ $component.portEnv }}
  value: {{ $values.containerPorts.http | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ include "herald.javaToolOptions" . | quote }}
{{- with $ctx.Values.mallocArenaMax }}
- name: MALLOC_ARENA_MAX
  value: {{ . | quote }}
{{- end }}
{{ include "herald.configEnv" (dict "name" "HERALD_KAFKA_BOOTSTRAP" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_LOG_FORMAT" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_JWT_ISSUER" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_JWT_AUDIENCE" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_JWT_JWKS_URI" "context" $ctx) }}
{{- /* Always set, also with a JWKS URI: no pod keeps the public dev default secret. */}}
{{ include "herald.secretEnv" (dict "name" "HERALD_JWT_SECRET" "secret" (include "herald.authSecretName" $ctx) "key" $ctx.Values.auth.existingSecretJwtKey) }}
{{- if has .key (list "store" "device" "digest" "webpush") }}
{{- /* Static Kafka group membership: a container restarted in its pod rejoins as the same member and takes its partitions back at once. */}}
- name: HERALD_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{ include "herald.configEnv" (dict "name" "HERALD_DB_URL" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_DB_USER" "context" $ctx) }}
{{ include "herald.secretEnv" (dict "name" "HERALD_DB_PASSWORD" "secret" (include "herald.databaseSecretName" $ctx) "key" (include "herald.databaseSecretKey" $ctx)) }}
{{- end }}
{{- if has .key (list "store" "push" "device" "webpush") }}
{{ include "herald.configEnv" (dict "name" (printf "HERALD_%s_ALLOWED_ORIGINS" (upper .key)) "key" "ALLOWED_ORIGINS" "context" $ctx) }}
{{- end }}
{{- if eq .key "store" }}
{{ include "herald.secretEnv" (dict "name" "HERALD_UNSUBSCRIBE_SECRET" "secret" (include "herald.authSecretName" $ctx) "key" $ctx.Values.auth.existingSecretUnsubscribeKey) }}
{{- end }}
{{- if eq .key "push" }}
{{ include "herald.configEnv" (dict "name" "HERALD_STORE_URL" "context" $ctx) }}
- name: HERALD_PUSH_MAX_CONNECTIONS
  value: {{ $values.maxConnections | quote }}
{{- end }}
{{- if eq .key "device" }}
{{ include "herald.configEnv" (dict "name" "HERALD_MQTT_URI" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_MQTT_USERNAME" "context" $ctx) }}
{{ include "herald.secretEnv" (dict "name" "HERALD_MQTT_PASSWORD" "secret" (include "herald.mqttSecretName" $ctx) "key" (include "herald.mqttSecretKey" $ctx)) }}
- name: HERALD_DEVICE_TOPIC_PREFIX
  value: {{ $values.topicPrefix | quote }}
{{- end }}
{{- if eq .key "digest" }}
{{ include "herald.configEnv" (dict "name" "HERALD_SMTP_HOST" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_SMTP_PORT" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_SMTP_USERNAME" "context" $ctx) }}
{{ include "herald.secretEnv" (dict "name" "HERALD_SMTP_PASSWORD" "secret" (include "herald.smtpSecretName" $ctx) "key" (include "herald.smtpSecretKey" $ctx)) }}
{{ include "herald.secretEnv" (dict "name" "HERALD_UNSUBSCRIBE_SECRET" "secret" (include "herald.authSecretName" $ctx) "key" $ctx.Values.auth.existingSecretUnsubscribeKey) }}
{{ include "herald.configEnv" (dict "name" "HERALD_PUBLIC_STORE_URL" "context" $ctx) }}
{{ include "herald.configEnv" (dict "name" "HERALD_INBOX_URL" "context" $ctx) }}
- name: HERALD_MAIL_FROM
  value: {{ $values.mailFrom | quote }}
- name: HERALD_UNSUBSCRIBE_MAILTO
  value: {{ $values.unsubscribeMailto | quote }}
{{- end }}
{{- if eq .key "webpush" }}
- name: HERALD_WEBPUSH_SUBJECT
  value: {{ $values.subject | quote }}
{{ include "herald.secretEnv" (dict "name" "HERALD_WEBPUSH_VAPID_PUBLIC_KEY" "secret" (include "herald.vapidSecretName" $ctx) "key" (include "herald.vapidPublicKeyKey" $ctx)) }}
{{ include "herald.secretEnv" (dict "name" "HERALD_WEBPUSH_VAPID_PRIVATE_KEY" "secret" (include "herald.vapidSecretName" $ctx) "key" (include "herald.vapidPrivateKeyKey" $ctx)) }}
{{- end }}
{{- with $values.extraEnvVars }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
MiB of push-gateway's heap: push.heapMi, or sized from push.maxConnections (32 MiB + 32 KiB
per connection, rounded up to 16 MiB): twice the live heap the capacity benchmark measured
(25 MB idle + 15.7 KB per connection), so G1 keeps its pause goal without growing.
Usage: include "herald.pushHeapMi" $
*/}}
{{- define "herald.pushHeapMi" -}}
{{- if gt (int .Values.push.heapMi) 0 -}}
{{- int .Values.push.heapMi -}}
{{- else -}}
{{- $mi := add 32 (div (add (mul (int .Values.push.maxConnections) 32) 1023) 1024) -}}
{{- mul (div (add $mi 15) 16) 16 -}}
{{- end -}}
{{- end -}}

{{/*
JAVA_TOOL_OPTIONS of a component: its javaToolOptions; push-gateway's get its fixed heap in
front unless they set -Xmx themselves. Usage: include "herald.javaToolOptions" (dict "key" "push" "context" $)
*/}}
{{- define "herald.javaToolOptions" -}}
{{- $options := (index .context.Values .key).javaToolOptions -}}
{{- if and (eq .key "push") (not (contains "-Xmx" $options)) -}}
{{- $heap := include "herald.pushHeapMi" .context -}}
{{- printf "-Xms%sm -Xmx%sm %s" $heap $heap $options -}}
{{- else -}}
{{- $options -}}
{{- end -}}
{{- end -}}

{{/*
Resources of a component's container: its resources; push-gateway's memory request and
limit follow its heap where they are left out (heap + 128Mi, heap + 256Mi).
Usage: include "herald.resources" (dict "key" "push" "context" $)
*/}}
{{- define "herald.resources" -}}
{{- $resources := deepCopy ((index .context.Values .key).resources | default dict) -}}
{{- if and (eq .key "push") (not (contains "-Xmx" .context.Values.push.javaToolOptions)) -}}
{{- $heap := int (include "herald.pushHeapMi" .context) -}}
{{- $requests := $resources.requests | default dict -}}
{{- $limits := $resources.limits | default dict -}}
{{- if not (hasKey $requests "memory") -}}
{{- $_ := set $requests "memory" (printf "%dMi" (add $heap 128)) -}}
{{- end -}}
{{- if not (hasKey $limits "memory") -}}
{{- $_ := set $limits "memory" (printf "%dMi" (add $heap 256)) -}}
{{- end -}}
{{- $_ := set $resources "requests" $requests -}}
{{- $_ := set $resources "limits" $limits -}}
{{- end -}}
{{- if $resources -}}
{{- toYaml $resources -}}
{{- end -}}
{{- end -}}

{{/* Probe on an Actuator health group. Usage: include "herald.probe" (dict "probe" $values.livenessProbe "path" "/actuator/health/liveness") */}}
{{- define "herald.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
initialDelaySeconds: {{ .probe.initialDelaySeconds }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
successThreshold: {{ .probe.successThreshold }}
{{- end -}}

{{/* Whether the Prometheus operator's CRDs may be rendered. */}}
{{- define "herald.prometheusOperator" -}}
{{- if or .Values.metrics.skipCapabilityCheck (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") -}}
true
{{- end -}}
{{- end -}}
