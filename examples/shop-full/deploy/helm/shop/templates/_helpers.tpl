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

{{/* lilith.gen.yaml as a dict: binary, jobs, secretEnv. */}}
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
