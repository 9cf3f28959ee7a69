{{/*
Helpers shared by the chart's templates. The data lilith derives from
lilith.yaml comes from lilith.gen.yaml through "app.generated".
*/}}

{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "app.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The labels that select the monolith's pods, and no job's. */}}
{{- define "app.serverSelectorLabels" -}}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{/*
The name of the Deployment and Service of a service that runs on its own
('lilith split'), from (list $ NAME): the release fullname, shortened so
that the whole is a DNS label, then -NAME.
*/}}
{{- define "app.splitName" -}}
{{- $name := index . 1 }}
{{- printf "%s-%s" (include "app.fullname" (index . 0) | trunc (int (max 1 (sub 62 (len $name)))) | trimSuffix "-") $name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels that select the pods of a split service, from (list $ NAME). */}}
{{- define "app.splitSelectorLabels" -}}
{{ include "app.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ printf "service-%s" (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "app.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "app.secretName" -}}
{{- .Values.secret.name | default (printf "%s-secrets" (include "app.fullname" .)) }}
{{- end }}

{{/* The Secret that cert-manager keeps the Ingress certificate in. */}}
{{- define "app.tlsSecretName" -}}
{{- printf "%s-tls" (include "app.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* lilith.gen.yaml as a dict: binary, services, jobs, secretEnv, config, tls, cloudsql. */}}
{{- define "app.generated" -}}
{{- .Files.Get "lilith.gen.yaml" }}
{{- end }}

{{/*
The pod security context of every pod: the Kubernetes "restricted" Pod
Security Standard, as the distroless nonroot user (65532).
*/}}
{{- define "app.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "app.securityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Environment of every container: config from the ConfigMap, secrets from the Secret. */}}
{{- define "app.env" -}}
{{- $gen := include "app.generated" . | fromYaml -}}
envFrom:
  - configMapRef:
      name: {{ include "app.fullname" . }}
{{- with $gen.secretEnv }}
env:
{{- range . }}
  - name: {{ . }}
    valueFrom:
      secretKeyRef:
        name: {{ include "app.secretName" $ }}
        key: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The Cloud SQL Auth Proxy (v2) as a native sidecar (an init container that
keeps running, Kubernetes 1.29 and later): it is ready before the app starts,
and a job's pod still completes when the job's container exits. The pods
reach Postgres at 127.0.0.1:5432, so DATABASE_URL names that address. The
proxy authenticates as the pod's service account: with GKE Workload
Identity, annotate it (serviceAccount.annotations in values.yaml).
Empty unless lilith.gen.yaml names an instance.
*/}}
{{- define "app.cloudsqlProxy" -}}
{{- $gen := include "app.generated" . | fromYaml -}}
{{- with $gen.cloudsql.instance }}
initContainers:
  - name: cloud-sql-proxy
    image: {{ $gen.cloudsql.image }}
    restartPolicy: Always
    args:
      - --structured-logs
      - --port=5432
      - --health-check
      - --http-address=0.0.0.0
      - --http-port=9090
      - --exit-zero-on-sigterm
      - {{ . | quote }}
    ports:
      - name: proxy-health
        containerPort: 9090
        protocol: TCP
    startupProbe:
      httpGet:
        path: /startup
        port: proxy-health
      periodSeconds: 1
      failureThreshold: 60
    livenessProbe:
      httpGet:
        path: /liveness
        port: proxy-health
      periodSeconds: 10
      timeoutSeconds: 5
      failureThreshold: 3
    securityContext:
      {{- include "app.securityContext" $ | nindent 6 }}
    resources:
      requests:
        cpu: 50m
        memory: 32Mi
      limits:
        memory: 128Mi
{{- end }}
{{- end }}

{{/* Pod scheduling settings shared by every pod. */}}
{{- define "app.scheduling" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
