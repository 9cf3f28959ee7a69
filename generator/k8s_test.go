package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// helmModule is the Helm that validates the generated charts. It runs
// offline: the go command builds it from the module proxy once, into the
// user cache directory, and later runs reuse the binary.
const helmModule = "helm.sh/helm/v4/cmd/helm@v4.3.2"

var (
	helmOnce sync.Once
	helmPath string
	helmErr  error
)

// helm returns the path of a Helm binary: $LILITH_HELM when set, else the
// one built from helmModule into the user cache (built on first use).
func helm(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping Helm validation in -short mode")
	}
	helmOnce.Do(func() {
		if p := os.Getenv("LILITH_HELM"); p != "" {
			helmPath = p
			return
		}
		cache, err := os.UserCacheDir()
		if err != nil {
			helmErr = fmt.Errorf("user cache dir: %w", err)
			return
		}
		_, version, _ := strings.Cut(helmModule, "@")
		bin := filepath.Join(cache, "lilith", "helm-"+version)
		helmPath = filepath.Join(bin, "helm")
		if _, err := os.Stat(helmPath); err == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "install", helmModule)
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=-trimpath")
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			helmErr = fmt.Errorf("go install %s: %w\n%s", helmModule, err, out)
			return
		}
		t.Logf("built %s in %s", helmModule, time.Since(start).Round(time.Second))
	})
	if helmErr != nil {
		t.Fatal(helmErr)
	}
	return helmPath
}

// runHelm runs Helm with args and returns its standard output.
func runHelm(t *testing.T, args ...string) []byte {
	t.Helper()
	bin := helm(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// Keep Helm away from the user's configuration and any cluster.
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HELM_CACHE_HOME="+home, "HELM_CONFIG_HOME="+home, "HELM_DATA_HOME="+home, "KUBECONFIG="+filepath.Join(home, "none"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("helm %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

// npmTool returns the path of an npm-installed file below the repository's
// node_modules (see package.json). Without it the test is skipped with a
// message, except in CI (CI set), where .ci/run installs it and its
// absence is a failure.
func npmTool(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "node_modules", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/run must run npm ci", rel)
		}
		t.Skipf("skipping: %s is not installed; run 'npm ci' in the repository root to validate with it", rel)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("skipping: node is not installed")
	}
	return p
}

// runNode runs a command of an npm package and fails the test when it fails.
func runNode(t *testing.T, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		t.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

// kinds maps apiVersion/kind to a constructor of its typed API struct: the
// objects a generated chart may render. Any other kind fails the decoding.
var kinds = map[string]func() any{
	"v1/ConfigMap":                           func() any { return &corev1.ConfigMap{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"v1/ServiceAccount":                      func() any { return &corev1.ServiceAccount{} },
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"batch/v1/CronJob":                       func() any { return &batchv1.CronJob{} },
	"networking.k8s.io/v1/Ingress":           func() any { return &networkingv1.Ingress{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
	"cert-manager.io/v1/Issuer":              func() any { return &cmIssuer{} },
	"cert-manager.io/v1/Certificate":         func() any { return &cmCertificate{} },
}

// decodeStrict decodes every YAML document of a rendered chart into its
// typed Kubernetes struct. Unknown or misspelt fields (field names match
// case-sensitively), duplicate keys, wrong types and unknown kinds are
// errors.
func decodeStrict(manifest []byte) ([]any, error) {
	var objs []any
	for i, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(manifest), -1) {
		js, err := yaml.YAMLToJSONStrict([]byte(doc))
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		if string(js) == "null" {
			continue // only comments
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := kjson.UnmarshalCaseSensitivePreserveInts(js, &head); err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		newObj, ok := kinds[head.APIVersion+"/"+head.Kind]
		if !ok {
			return nil, fmt.Errorf("document %d: unexpected kind %s %s", i, head.APIVersion, head.Kind)
		}
		obj := newObj()
		strict, err := kjson.UnmarshalStrict(js, obj)
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", i, head.Kind, err)
		}
		if len(strict) > 0 {
			return nil, fmt.Errorf("document %d (%s): %v", i, head.Kind, strict)
		}
		objs = append(objs, obj)
	}
	return objs, nil
}

// podSpecs returns every pod template of objs, by a name for messages.
func podSpecs(objs []any) map[string]*corev1.PodSpec {
	specs := map[string]*corev1.PodSpec{}
	for _, o := range objs {
		switch o := o.(type) {
		case *appsv1.Deployment:
			specs["Deployment "+o.Name] = &o.Spec.Template.Spec
		case *batchv1.CronJob:
			specs["CronJob "+o.Name] = &o.Spec.JobTemplate.Spec.Template.Spec
		}
	}
	return specs
}

// restrictedProblems lists how a pod spec falls short of the Kubernetes
// "restricted" Pod Security Standard (and of lilith's stricter rules:
// the distroless nonroot UID 65532 and a read-only root file system).
func restrictedProblems(spec *corev1.PodSpec) []string {
	var p []string
	if spec.HostNetwork || spec.HostPID || spec.HostIPC {
		p = append(p, "uses a host namespace")
	}
	psc := spec.SecurityContext
	if psc == nil {
		psc = &corev1.PodSecurityContext{}
	}
	if psc.RunAsUser != nil && *psc.RunAsUser == 0 {
		p = append(p, "pod runs as UID 0")
	}
	for _, v := range spec.Volumes {
		if v.EmptyDir == nil && v.ConfigMap == nil && v.Secret == nil && v.Projected == nil && v.DownwardAPI == nil && v.PersistentVolumeClaim == nil && v.Ephemeral == nil && v.CSI == nil {
			p = append(p, fmt.Sprintf("volume %s has a type the restricted standard forbids", v.Name))
		}
	}
	containers := slices.Concat(spec.InitContainers, spec.Containers)
	if len(containers) == 0 {
		p = append(p, "no containers")
	}
	for _, c := range containers {
		sc := c.SecurityContext
		if sc == nil {
			p = append(p, c.Name+": no securityContext")
			continue
		}
		nonRoot := sc.RunAsNonRoot
		if nonRoot == nil {
			nonRoot = psc.RunAsNonRoot
		}
		if nonRoot == nil || !*nonRoot {
			p = append(p, c.Name+": runAsNonRoot is not true")
		}
		uid := sc.RunAsUser
		if uid == nil {
			uid = psc.RunAsUser
		}
		if uid == nil || *uid != 65532 {
			p = append(p, c.Name+": runAsUser is not the numeric nonroot UID 65532")
		}
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			p = append(p, c.Name+": allowPrivilegeEscalation is not false")
		}
		if sc.Privileged != nil && *sc.Privileged {
			p = append(p, c.Name+": privileged")
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			p = append(p, c.Name+": readOnlyRootFilesystem is not true")
		}
		if sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
			p = append(p, c.Name+": capabilities do not drop ALL")
		} else if len(sc.Capabilities.Add) > 0 {
			p = append(p, c.Name+": adds capabilities")
		}
		seccomp := sc.SeccompProfile
		if seccomp == nil {
			seccomp = psc.SeccompProfile
		}
		if seccomp == nil || seccomp.Type != corev1.SeccompProfileTypeRuntimeDefault {
			p = append(p, c.Name+": seccompProfile is not RuntimeDefault")
		}
		for _, port := range c.Ports {
			if port.HostPort != 0 {
				p = append(p, c.Name+": uses a host port")
			}
		}
	}
	return p
}

// secretLooking matches names of variables that must come from a Secret.
var secretLooking = regexp.MustCompile(`(?i)(DATABASE_URL|PASSWORD|SECRET|TOKEN|_KEY$)`)

// literalSecretProblems reports secrets written into manifests: a Secret
// object, a ConfigMap key or a literal env value that looks secret.
func literalSecretProblems(objs []any) []string {
	var p []string
	for _, o := range objs {
		if cm, ok := o.(*corev1.ConfigMap); ok {
			for k := range cm.Data {
				if secretLooking.MatchString(k) {
					p = append(p, fmt.Sprintf("ConfigMap %s holds %s", cm.Name, k))
				}
			}
		}
	}
	for name, spec := range podSpecs(objs) {
		for _, c := range slices.Concat(spec.InitContainers, spec.Containers) {
			for _, e := range c.Env {
				if secretLooking.MatchString(e.Name) && (e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
					p = append(p, fmt.Sprintf("%s: %s is not read from a Secret", name, e.Name))
				}
			}
		}
	}
	return p
}
