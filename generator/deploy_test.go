package generator

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
)

// goldenDir holds the golden trees of cmd/lilith's scenarios.
var goldenDir = filepath.Join("..", "testdata", "golden")

// deployCase is a project whose deployment and CI files are validated.
type deployCase struct {
	name  string
	files map[string][]byte
	m     *Manifest
}

// deployManifests are projects beyond the golden scenarios: jobs and
// Postgres services, every CI system, and two split services beside TLS
// and Cloud SQL.
var deployManifests = []*Manifest{
	{
		Name: "shop", Module: "example.com/shop", CI: []string{CIGitHub},
		Services: []Service{{Name: "hello", Kind: KindHello}},
		Jobs: []Job{
			{Name: "nightly-load", Schedule: "0 2 * * *"},
			{Name: "reindex", Schedule: "@hourly"},
		},
	},
	{
		Name: "store", Module: "example.com/store", CI: CINames,
		Services: []Service{
			{Name: "hello", Kind: KindHello},
			{Name: "orders", Kind: KindCRUD, Store: StorePostgres, Fields: []Field{{Name: "title", Type: "string"}}},
		},
		Jobs: []Job{{Name: "nightly-load", Schedule: "30 1 * * 1-5", Service: "orders"}},
	},
	{
		Name: "notes", Module: "example.com/notes", CI: []string{CICircleCI, CITravis},
		Services: []Service{{Name: "notes-api", Kind: KindCRUD, Store: StoreMemory, Fields: []Field{{Name: "body", Type: "string"}}}},
	},
	{
		Name: "cloud", Module: "example.com/cloud", CI: CINames,
		Services: []Service{
			{Name: "orders", Kind: KindCRUD, Store: StorePostgres, Fields: []Field{{Name: "title", Type: "string"}}, Split: true},
			{Name: "users", Kind: KindCRUD, Store: StoreDatastore, Fields: []Field{{Name: "name", Type: "string"}}, Split: true},
		},
		Jobs: []Job{{Name: "nightly-load", Schedule: "@daily", Service: "orders"}},
		Deploy: Deploy{
			TLS:      &TLS{Issuer: IssuerLetsEncryptStaging, Domain: "api.cloud.example.com"},
			CloudSQL: "my-project:europe-west1:main",
		},
	},
}

// renderProjectTree renders the project tree of m, which holds every
// deployment and CI file, without the service trees (a CRUD service's tree
// may not exist yet; nothing in it is a deployment file).
func renderProjectTree(t *testing.T, m *Manifest) map[string][]byte {
	t.Helper()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	if err := renderTree(out, "project", newProjectData(m)); err != nil {
		t.Fatal(err)
	}
	return out
}

// deployCases returns every golden scenario's tree (with its manifest) and
// the projects of deployManifests.
func deployCases(t *testing.T) []deployCase {
	t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []deployCase
	for _, e := range entries {
		root := filepath.Join(goldenDir, e.Name())
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		m, err := ParseManifest(files[ManifestFile])
		if err != nil {
			t.Fatalf("golden %s: %v", e.Name(), err)
		}
		cases = append(cases, deployCase{name: "golden-" + e.Name(), files: files, m: m})
	}
	for _, m := range deployManifests {
		cases = append(cases, deployCase{name: m.Name, files: renderProjectTree(t, m), m: m})
	}
	return cases
}

// writeFiles writes files below dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chartValues are the value sets each chart is rendered with: the
// defaults, and the optional parts switched the other way.
var chartValues = map[string][]string{
	"defaults": nil,
	"ingress, no autoscaling": {
		"--set", "ingress.enabled=true", "--set", "ingress.className=nginx", "--set", "ingress.tlsSecretName=web-tls",
		"--set", "autoscaling.enabled=false", "--set", "podDisruptionBudget.enabled=false",
		"--set", "serviceAccount.create=false", "--set", "image.tag=v1.2.3",
		"--set", "config.AUTH_AUDIENCE=" + overriddenAudience,
	},
}

// overriddenAudience is the AUTH_AUDIENCE that values.yaml sets in the
// second value set, over the issuer's default from lilith.gen.yaml.
const overriddenAudience = "audience-from-values"

// TestHelmChart lints and renders the chart of every project with Helm,
// decodes every rendered object strictly into its Kubernetes type, and
// holds the objects to the deployment rules: restricted pods, no literal
// secrets, probes, resources, and one CronJob per job with its schedule.
func TestHelmChart(t *testing.T) {
	cases := deployCases(t)
	if !slices.ContainsFunc(cases, func(c deployCase) bool { return c.m.Auth != nil }) {
		t.Error("no chart of a project with auth: the AUTH_* settings of the ConfigMap go unchecked")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, c.files)
			chart := filepath.Join(dir, "deploy", "helm", c.m.Name)
			runHelm(t, "lint", "--strict", chart)
			for vname, args := range chartValues {
				t.Run(vname, func(t *testing.T) {
					out := runHelm(t, append([]string{"template", "rel", chart, "--namespace", "ns"}, args...)...)
					objs, err := decodeStrict(out)
					if err != nil {
						t.Fatalf("decode rendered chart: %v\n%s", err, out)
					}
					checkObjects(t, c.m, objs, args == nil)
				})
			}
		})
	}
}

// checkObjects holds the rendered objects of m's chart to the deployment rules.
func checkObjects(t *testing.T, m *Manifest, objs []any, defaults bool) {
	t.Helper()
	count := map[string]int{}
	for _, o := range objs {
		count[strings.TrimPrefix(fmt.Sprintf("%T", o), "*")]++
	}
	p := newProjectData(m)
	servers := 1 + len(p.Split) // the monolith and each split service
	want := map[string]int{"v1.ConfigMap": 1, "v1.Service": servers, "v1.Deployment": servers, "v1.CronJob": len(m.Jobs)}
	if defaults {
		want["v1.ServiceAccount"], want["v2.HorizontalPodAutoscaler"], want["v1.PodDisruptionBudget"] = 1, servers, servers
	}
	if !defaults || p.TLS != nil {
		want["v1.Ingress"] = 1
	}
	if p.TLS != nil {
		want["generator.cmIssuer"], want["generator.cmCertificate"] = 1, 1
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d objects of type %s, want %d (all: %v)", count[k], k, n, count)
		}
	}

	specs := podSpecs(objs)
	if len(specs) != servers+len(m.Jobs) {
		t.Errorf("%d pod specs, want %d", len(specs), servers+len(m.Jobs))
	}
	for name, spec := range specs {
		for _, p := range restrictedProblems(spec) {
			t.Errorf("%s: not restricted: %s", name, p)
		}
		if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
			t.Errorf("%s: mounts a service account token", name)
		}
		checkCloudSQLProxy(t, p, name, spec)
		for _, ctr := range spec.InitContainers {
			if ctr.Resources.Requests.Cpu().IsZero() || ctr.Resources.Requests.Memory().IsZero() || ctr.Resources.Limits.Memory().IsZero() {
				t.Errorf("%s: init container %s lacks resource requests or a memory limit", name, ctr.Name)
			}
		}
		for _, ctr := range spec.Containers {
			if ctr.Resources.Requests.Cpu().IsZero() || ctr.Resources.Requests.Memory().IsZero() || ctr.Resources.Limits.Memory().IsZero() {
				t.Errorf("%s: container %s lacks resource requests or a memory limit", name, ctr.Name)
			}
			if !slices.ContainsFunc(ctr.EnvFrom, func(e corev1.EnvFromSource) bool { return e.ConfigMapRef != nil }) {
				t.Errorf("%s: container %s takes no config from the ConfigMap", name, ctr.Name)
			}
			hasDB := slices.ContainsFunc(ctr.Env, func(e corev1.EnvVar) bool {
				return e.Name == "DATABASE_URL" && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil
			})
			if wantDB := p.HasPostgres; hasDB != wantDB {
				t.Errorf("%s: DATABASE_URL from a Secret: %v, want %v", name, hasDB, wantDB)
			}
		}
	}
	for _, p := range literalSecretProblems(objs) {
		t.Error(p)
	}

	if p.TLS != nil {
		checkTLS(t, p, objs)
	}
	var jobs []string
	for _, o := range objs {
		switch o := o.(type) {
		case *corev1.ConfigMap:
			if o.Data["PORT"] == "" {
				t.Errorf("ConfigMap %s has no PORT", o.Name)
			}
			if got := o.Data["DATASTORE_PROJECT_ID"] != ""; got != p.HasDatastore {
				t.Errorf("ConfigMap %s has DATASTORE_PROJECT_ID: %v, want %v", o.Name, got, p.HasDatastore)
			}
			checkAuthConfig(t, p, o, defaults)
			for _, s := range p.Split {
				// The release is "rel" and the chart the project's name.
				if got, want := o.Data[s.Env+"_URL"], "http://rel-"+m.Name+"-"+s.Name+":80"; got != want {
					t.Errorf("ConfigMap %s: %s_URL = %q, want %q", o.Name, s.Env, got, want)
				}
			}
		case *appsv1.Deployment:
			checkDeployment(t, o, defaults)
		case *batchv1.CronJob:
			jobs = append(jobs, checkCronJob(t, m, o))
		}
	}
	var wantJobs []string
	for _, j := range m.Jobs {
		wantJobs = append(wantJobs, j.Name)
	}
	if !slices.Equal(jobs, wantJobs) {
		t.Errorf("CronJobs run %q, want the jobs %q", jobs, wantJobs)
	}
	checkSplitServices(t, m, p, objs)
}

// checkAuthConfig checks that the ConfigMap sets the AUTH_* defaults of
// the project's issuer, the same that internal/app/auth_gen.go compiles in,
// and none without auth; values.yaml overrides them (AUTH_AUDIENCE in the
// value set other than the defaults).
func checkAuthConfig(t *testing.T, p *projectData, cm *corev1.ConfigMap, defaults bool) {
	t.Helper()
	want := map[string]string{}
	if a := p.Auth; a != nil {
		want = map[string]string{"AUTH_ISSUER": a.Issuer, "AUTH_AUDIENCE": a.Audience, "AUTH_JWKS_URL": a.JWKSURL}
		if a.Issuer == "" || a.Audience == "" {
			t.Errorf("auth of provider %s has issuer %q and audience %q, want both", a.Provider, a.Issuer, a.Audience)
		}
	}
	if !defaults {
		want["AUTH_AUDIENCE"] = overriddenAudience
	}
	for _, key := range []string{"AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URL", "AUTH_TOKEN_USE"} {
		got, ok := cm.Data[key]
		if got != want[key] || ok != (want[key] != "") {
			t.Errorf("ConfigMap %s: %s = %q (set: %v), want %q", cm.Name, key, got, ok, want[key])
		}
	}
}

// checkSplitServices checks the objects of the services that run on their
// own: each has a Deployment running its binary, a Service that selects its
// pods and no other, and, as the monolith, an autoscaler and a disruption
// budget when those are on; the Ingress, when rendered, sends its route to
// it and everything else to the monolith.
func checkSplitServices(t *testing.T, m *Manifest, p *projectData, objs []any) {
	t.Helper()
	deployments := map[string]*appsv1.Deployment{}
	services := map[string]*corev1.Service{}
	var ing *networkingv1.Ingress
	hpas, pdbs := map[string]bool{}, map[string]bool{}
	for _, o := range objs {
		switch o := o.(type) {
		case *appsv1.Deployment:
			deployments[o.Name] = o
		case *corev1.Service:
			services[o.Name] = o
		case *networkingv1.Ingress:
			ing = o
		case *autoscalingv2.HorizontalPodAutoscaler:
			hpas[o.Spec.ScaleTargetRef.Name] = true
		case *policyv1.PodDisruptionBudget:
			pdbs[o.Name] = true
		}
	}
	monolith := "rel-" + m.Name
	selects := func(svc *corev1.Service, d *appsv1.Deployment) bool {
		for k, v := range svc.Spec.Selector {
			if d.Spec.Template.Labels[k] != v {
				return false
			}
		}
		return len(svc.Spec.Selector) > 0
	}
	for _, s := range p.Split {
		name := monolith + "-" + s.Name
		d, svc := deployments[name], services[name]
		if d == nil || svc == nil {
			t.Errorf("split service %s: Deployment %v, Service %v; want both named %s", s.Name, d != nil, svc != nil, name)
			continue
		}
		c := d.Spec.Template.Spec.Containers[0]
		if !slices.Equal(c.Command, []string{"/usr/local/bin/" + s.Name}) {
			t.Errorf("Deployment %s runs %q, want /usr/local/bin/%s", name, c.Command, s.Name)
		}
		if !selects(svc, d) || selects(svc, deployments[monolith]) || selects(services[monolith], d) {
			t.Errorf("Service %s must select the pods of %s and no other, and Service %s none of them", name, name, monolith)
		}
		if got, want := svc.Spec.Type, corev1.ServiceTypeClusterIP; got != want {
			t.Errorf("Service %s has type %s, want %s", name, got, want)
		}
		if hpas[monolith] != hpas[name] || pdbs[monolith] != pdbs[name] {
			t.Errorf("split service %s: autoscaler %v and disruption budget %v, want as the monolith's: %v and %v", s.Name, hpas[name], pdbs[name], hpas[monolith], pdbs[monolith])
		}
	}
	if ing == nil {
		return
	}
	backends := map[string]string{}
	for _, r := range ing.Spec.Rules {
		for _, path := range r.HTTP.Paths {
			if path.PathType == nil || *path.PathType != networkingv1.PathTypePrefix {
				t.Errorf("Ingress path %s is not a Prefix", path.Path)
			}
			backends[path.Path] = path.Backend.Service.Name
		}
	}
	want := map[string]string{"/": monolith}
	for _, s := range p.Split {
		want[s.Route] = monolith + "-" + s.Name
	}
	if !maps.Equal(backends, want) {
		t.Errorf("Ingress sends %v, want %v", backends, want)
	}
}

// checkCloudSQLProxy checks that a pod has the Cloud SQL Auth Proxy as a
// native sidecar exactly when the project has a Cloud SQL instance and a
// Postgres service.
func checkCloudSQLProxy(t *testing.T, p *projectData, name string, spec *corev1.PodSpec) {
	t.Helper()
	if p.CloudSQL == nil {
		if len(spec.InitContainers) > 0 {
			t.Errorf("%s: init containers %v without a Cloud SQL instance", name, spec.InitContainers)
		}
		return
	}
	if len(spec.InitContainers) != 1 {
		t.Fatalf("%s: %d init containers, want the Cloud SQL Auth Proxy alone", name, len(spec.InitContainers))
	}
	proxy := spec.InitContainers[0]
	switch {
	case proxy.Image != CloudSQLProxyImage:
		t.Errorf("%s: proxy image %s, want %s", name, proxy.Image, CloudSQLProxyImage)
	case proxy.RestartPolicy == nil || *proxy.RestartPolicy != corev1.ContainerRestartPolicyAlways:
		t.Errorf("%s: proxy restartPolicy %v, want Always (a native sidecar, so jobs complete)", name, proxy.RestartPolicy)
	case !slices.Contains(proxy.Args, p.CloudSQL.Instance) || !slices.Contains(proxy.Args, "--port=5432"):
		t.Errorf("%s: proxy args %q lack the instance %s on port 5432", name, proxy.Args, p.CloudSQL.Instance)
	case proxy.StartupProbe == nil || proxy.StartupProbe.HTTPGet == nil || proxy.StartupProbe.HTTPGet.Path != "/startup":
		t.Errorf("%s: proxy has no startup probe on /startup, so the app may start before it", name)
	}
}

// checkTLS checks the Ingress, Issuer and Certificate of a project with TLS:
// the Ingress serves the domain with the Secret the Certificate fills, the
// Certificate names the domain and the rendered Issuer, and the Issuer
// talks to the chosen ACME server.
func checkTLS(t *testing.T, p *projectData, objs []any) {
	t.Helper()
	var (
		ing    *networkingv1.Ingress
		issuer *cmIssuer
		cert   *cmCertificate
	)
	for _, o := range objs {
		switch o := o.(type) {
		case *networkingv1.Ingress:
			ing = o
		case *cmIssuer:
			issuer = o
		case *cmCertificate:
			cert = o
		}
	}
	if ing == nil || issuer == nil || cert == nil {
		t.Fatalf("want an Ingress, an Issuer and a Certificate; got %v, %v, %v", ing, issuer, cert)
	}
	if len(ing.Spec.Rules) != 1 || ing.Spec.Rules[0].Host != p.TLS.Domain {
		t.Errorf("Ingress rules %+v, want host %s", ing.Spec.Rules, p.TLS.Domain)
	}
	if len(ing.Spec.TLS) != 1 || !slices.Equal(ing.Spec.TLS[0].Hosts, []string{p.TLS.Domain}) || ing.Spec.TLS[0].SecretName != cert.Spec.SecretName {
		t.Errorf("Ingress tls %+v, want %s from the Secret %s", ing.Spec.TLS, p.TLS.Domain, cert.Spec.SecretName)
	}
	if !slices.Equal(cert.Spec.DNSNames, []string{p.TLS.Domain}) {
		t.Errorf("Certificate dnsNames %q, want %s", cert.Spec.DNSNames, p.TLS.Domain)
	}
	if ref := cert.Spec.IssuerRef; ref.Kind != "Issuer" || ref.Name != issuer.Name {
		t.Errorf("Certificate issuerRef %+v, want the Issuer %s", ref, issuer.Name)
	}
	acme := issuer.Spec.ACME
	switch {
	case acme == nil:
		t.Fatal("Issuer is not an ACME issuer")
	case acme.Server != acmeServers[p.TLS.Issuer]:
		t.Errorf("Issuer server %s, want %s for %s", acme.Server, acmeServers[p.TLS.Issuer], p.TLS.Issuer)
	case acme.PrivateKeySecretRef.Name == "":
		t.Error("Issuer has no privateKeySecretRef")
	case len(acme.Solvers) != 1 || acme.Solvers[0].HTTP01 == nil || acme.Solvers[0].HTTP01.Ingress == nil:
		t.Errorf("Issuer solvers %+v, want one HTTP-01 solver through the Ingress", acme.Solvers)
	}
}

func checkDeployment(t *testing.T, d *appsv1.Deployment, defaults bool) {
	t.Helper()
	if defaults != (d.Spec.Replicas == nil) {
		t.Errorf("Deployment replicas %v: want it set exactly when autoscaling is off", d.Spec.Replicas)
	}
	if d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || d.Spec.Strategy.RollingUpdate == nil {
		t.Errorf("Deployment strategy %+v, want a rolling update", d.Spec.Strategy)
	}
	c := d.Spec.Template.Spec.Containers[0]
	for probe, path := range map[*corev1.Probe]string{c.LivenessProbe: "/healthz", c.ReadinessProbe: "/readyz"} {
		if probe == nil || probe.HTTPGet == nil || probe.HTTPGet.Path != path {
			t.Errorf("Deployment: want an HTTP probe on %s, got %+v", path, probe)
		}
	}
	if len(c.Ports) != 1 || c.Ports[0].ContainerPort != 8080 {
		t.Errorf("Deployment ports %+v, want 8080", c.Ports)
	}
	if got := d.Spec.Template.Labels["app.kubernetes.io/component"]; got != "server" && !strings.HasPrefix(got, "service-") {
		t.Errorf("Deployment pods have component %q, want server, or service-NAME for a split service (so that a Service selects no job pod)", got)
	}
}

// checkCronJob checks one CronJob against m's jobs and returns the job it runs.
func checkCronJob(t *testing.T, m *Manifest, cj *batchv1.CronJob) string {
	t.Helper()
	pod := cj.Spec.JobTemplate.Spec.Template.Spec
	if len(pod.Containers) != 1 || len(pod.Containers[0].Command) != 1 {
		t.Fatalf("CronJob %s: want one container with a command", cj.Name)
	}
	name := path.Base(pod.Containers[0].Command[0])
	i := slices.IndexFunc(m.Jobs, func(j Job) bool { return j.Name == name })
	if i < 0 {
		t.Fatalf("CronJob %s runs %q, which is no job of the manifest", cj.Name, name)
	}
	spec := cj.Spec
	switch {
	case spec.Schedule != m.Jobs[i].Schedule:
		t.Errorf("CronJob %s: schedule %q, want %q", cj.Name, spec.Schedule, m.Jobs[i].Schedule)
	case spec.ConcurrencyPolicy != batchv1.ForbidConcurrent:
		t.Errorf("CronJob %s: concurrencyPolicy %q, want Forbid", cj.Name, spec.ConcurrencyPolicy)
	case spec.JobTemplate.Spec.BackoffLimit == nil, spec.JobTemplate.Spec.ActiveDeadlineSeconds == nil:
		t.Errorf("CronJob %s: want backoffLimit and activeDeadlineSeconds", cj.Name)
	case spec.SuccessfulJobsHistoryLimit == nil, spec.FailedJobsHistoryLimit == nil:
		t.Errorf("CronJob %s: want history limits", cj.Name)
	case pod.RestartPolicy != corev1.RestartPolicyOnFailure:
		t.Errorf("CronJob %s: restartPolicy %q, want OnFailure", cj.Name, pod.RestartPolicy)
	case len(cj.Name) > 52:
		t.Errorf("CronJob name %s is longer than 52 characters", cj.Name)
	}
	return name
}

// TestCIFiles parses each project's CI configurations and checks the jobs
// and steps they must hold: module cache, go vet, go test -race, Postgres
// (PostgresImage, as in docker-compose.yml) with DATABASE_URL when a service
// keeps its data there, an image build, and a deploy gated on main.
func TestCIFiles(t *testing.T) {
	files := map[string]string{CIGitHub: ".github/workflows/ci.yml", CICircleCI: ".circleci/config.yml", CITravis: ".travis.yml"}
	checks := map[string]func(t *testing.T, doc map[string]any, p *projectData){
		CIGitHub: checkGitHub, CICircleCI: checkCircleCI, CITravis: checkTravis,
	}
	for _, c := range deployCases(t) {
		t.Run(c.name, func(t *testing.T) {
			p := newProjectData(c.m)
			if got := strings.Contains(string(c.files["docker-compose.yml"]), "image: "+PostgresImage+"\n"); got != p.HasPostgres {
				t.Errorf("docker-compose.yml runs %s: %v, want %v", PostgresImage, got, p.HasPostgres)
			}
			for _, ci := range CINames {
				data, ok := c.files[files[ci]]
				if ok != slices.Contains(c.m.CI, ci) {
					t.Errorf("%s written: %v, want %v (ci: %v)", files[ci], ok, !ok, c.m.CI)
				}
				if !ok {
					continue
				}
				if !IsOwned(data) {
					t.Errorf("%s is not an owned file", files[ci])
				}
				var doc map[string]any
				if err := yaml.Unmarshal(data, &doc); err != nil {
					t.Fatalf("%s: %v", files[ci], err)
				}
				t.Run(ci, func(t *testing.T) { checks[ci](t, doc, p) })
				if ci == CICircleCI {
					t.Run("circleci-config-parser", func(t *testing.T) {
						npmTool(t, "@circleci/circleci-config-parser")
						file := filepath.Join(t.TempDir(), "config.yml")
						writeFiles(t, filepath.Dir(file), map[string][]byte{"config.yml": data})
						runNode(t, "node", filepath.Join("..", "testdata", "validate", "circleci.js"), file)
					})
				}
			}
		})
	}
}

// get walks doc along keys (map keys, or list indexes as ints) and returns
// what it finds, or nil.
func get(doc any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := doc.(map[string]any)
			doc = m[k]
		case int:
			l, _ := doc.([]any)
			if k >= len(l) {
				return nil
			}
			doc = l[k]
		}
	}
	return doc
}

// dump is doc as YAML text, to search for commands in.
func dump(doc any) string {
	out, _ := yaml.Marshal(doc)
	return string(out)
}

func wantIn(t *testing.T, what, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s lacks %q:\n%s", what, s, text)
		}
	}
}

const (
	goVet  = "go vet ./..."
	goTest = "go test -race"
)

func checkGitHub(t *testing.T, doc map[string]any, p *projectData) {
	test := get(doc, "jobs", "test")
	if test == nil {
		t.Fatal("no job test")
	}
	steps := dump(get(test, "steps"))
	wantIn(t, "job test", steps, "actions/setup-go", "cache: true", goVet, goTest)
	if got := get(test, "services", "postgres", "image") != nil; got != p.HasPostgres {
		t.Errorf("postgres service container: %v, want %v", got, p.HasPostgres)
	}
	if image, _ := get(test, "services", "postgres", "image").(string); p.HasPostgres && image != PostgresImage {
		t.Errorf("postgres service container runs %s, want %s", image, PostgresImage)
	}
	if p.HasPostgres {
		wantIn(t, "job test env", dump(get(test, "env")), "DATABASE_URL: postgres://")
	}
	checkEmulator(t, "job test", steps, dump(get(test, "env")), ": ", p.HasDatastore)
	wantIn(t, "job image", dump(get(doc, "jobs", "image")), "make docker-build", "needs: test")
	deploy := get(doc, "jobs", "deploy")
	wantIn(t, "job deploy", dump(deploy), "make ship", "needs: image")
	if cond, _ := get(deploy, "if").(string); !strings.Contains(cond, "refs/heads/main") {
		t.Errorf("deploy runs on %q, want only on main", cond)
	}
}

func checkCircleCI(t *testing.T, doc map[string]any, p *projectData) {
	test := get(doc, "jobs", "test")
	if test == nil {
		t.Fatal("no job test")
	}
	steps := dump(get(test, "steps"))
	wantIn(t, "job test", steps, "restore_cache", "save_cache", "/go/pkg/mod", goVet, goTest)
	executor, _ := get(test, "executor").(string)
	images := dump(get(doc, "executors", executor, "docker"))
	if got := strings.Contains(images, "postgres"); got != p.HasPostgres {
		t.Errorf("executor %s has postgres: %v, want %v", executor, got, p.HasPostgres)
	}
	if got := strings.Contains(images, "image: "+PostgresImage+"\n"); got != p.HasPostgres {
		t.Errorf("executor %s runs %s: %v, want %v", executor, PostgresImage, got, p.HasPostgres)
	}
	if p.HasPostgres {
		wantIn(t, "job test environment", dump(get(test, "environment")), "DATABASE_URL: postgres://")
	}
	checkEmulator(t, "executor "+executor, images, dump(get(test, "environment")), ": ", p.HasDatastore)
	wantIn(t, "job image", dump(get(doc, "jobs", "image")), "setup_remote_docker", "make docker-build")
	wantIn(t, "job deploy", dump(get(doc, "jobs", "deploy")), "make ship")
	wf := dump(get(doc, "workflows", "ci", "jobs"))
	wantIn(t, "workflow ci", wf, "- test", "image:", "deploy:", "only: main", "requires:")
}

func checkTravis(t *testing.T, doc map[string]any, p *projectData) {
	wantIn(t, "travis cache", dump(get(doc, "cache")), "go/pkg/mod")
	test := get(doc, "jobs", "include", 0)
	if get(test, "stage") != "test" {
		t.Fatalf("first job is %v, want the test stage", get(test, "stage"))
	}
	wantIn(t, "test stage", dump(test), goVet, goTest)
	if got := strings.Contains(dump(get(test, "services")), "docker"); got != p.HasServices {
		t.Errorf("test stage runs docker: %v, want %v", got, p.HasServices)
	}
	if got := strings.Contains(dump(get(test, "before_script")), "docker run -d --name postgres "); got != p.HasPostgres {
		t.Errorf("test stage starts a postgres container: %v, want %v", got, p.HasPostgres)
	}
	if p.HasPostgres {
		wantIn(t, "test stage", dump(get(test, "before_script")), " "+PostgresImage+"\n", "pg_isready")
	}
	if p.HasPostgres {
		wantIn(t, "test stage env", dump(get(test, "env")), "DATABASE_URL=postgres://")
	}
	checkEmulator(t, "test stage", dump(get(test, "before_script")), dump(get(test, "env")), "=", p.HasDatastore)
	wantIn(t, "image stage", dump(get(doc, "jobs", "include", 1)), "stage: image", "make docker-build")
	wantIn(t, "deploy stage", dump(get(doc, "jobs", "include", 2)), "stage: deploy", "make ship")
	wantIn(t, "stages", dump(get(doc, "stages")), "name: deploy", "if: branch = main AND type = push")
}

// checkEmulator checks that a CI job starts the Datastore emulator (in
// where: its steps or images) and points the tests at it (in env, whose
// entries are written name+sep+value) exactly when want is true.
func checkEmulator(t *testing.T, job, where, env, sep string, want bool) {
	t.Helper()
	const image = "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators"
	if got := strings.Contains(where, image); got != want {
		t.Errorf("%s starts the Datastore emulator: %v, want %v", job, got, want)
	}
	if got := strings.Contains(env, "DATASTORE_EMULATOR_HOST"); got != want {
		t.Errorf("%s sets DATASTORE_EMULATOR_HOST: %v, want %v", job, got, want)
	}
	if want {
		wantIn(t, job, where, "emulators", "datastore", "start", "--host-port=0.0.0.0:8081", "--no-store-on-disk", "--consistency=1.0")
		wantIn(t, job+" env", env, "DATASTORE_EMULATOR_HOST"+sep+"localhost:8081", "DATASTORE_PROJECT_ID"+sep)
	}
}

// TestDockerfile checks the structure of every project's Dockerfile: named
// stages, pinned base images (no latest, no untagged), and a numeric
// non-root user in the final stage.
func TestDockerfile(t *testing.T) {
	from := regexp.MustCompile(`(?i)^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$`)
	for _, c := range deployCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var stages []string
			user := ""
			for _, line := range strings.Split(string(c.files["Dockerfile"]), "\n") {
				fields := strings.Fields(line)
				if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
					continue
				}
				switch strings.ToUpper(fields[0]) {
				case "FROM":
					m := from.FindStringSubmatch(line)
					if m == nil || m[2] == "" {
						t.Errorf("stage %q is not named (FROM image AS name)", line)
						continue
					}
					image := m[1]
					if !slices.Contains(stages, image) && (!strings.Contains(path.Base(image), ":") || strings.HasSuffix(image, ":latest")) {
						t.Errorf("base image %s is not pinned to a tag other than latest", image)
					}
					stages = append(stages, m[2])
					user = ""
				case "USER":
					user = fields[1]
				}
			}
			t.Run("dockerfilelint", func(t *testing.T) {
				lint := npmTool(t, ".bin/dockerfilelint")
				dir := t.TempDir()
				writeFiles(t, dir, map[string][]byte{"Dockerfile": c.files["Dockerfile"]})
				runNode(t, lint, filepath.Join(dir, "Dockerfile"))
			})
			if len(stages) < 2 {
				t.Errorf("stages %q: want a build stage and a runtime stage", stages)
			}
			uid, _, _ := strings.Cut(user, ":")
			if !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(uid) {
				t.Errorf("final stage runs as user %q, want a numeric non-root UID", user)
			}
		})
	}
}

// TestDeployFilesOwnership holds the split between owned and user files:
// what lists services, jobs or stores is owned (lilith regenerates it);
// the chart's templates, values and Chart.yaml, the Makefile and the
// Dockerfile are the user's. Adding jobs, Postgres and Datastore services,
// a split service, TLS and a Cloud SQL instance changes owned files only.
func TestDeployFilesOwnership(t *testing.T) {
	base := &Manifest{Name: "shop", Module: "example.com/shop", CI: CINames, Services: []Service{{Name: "hello", Kind: KindHello}}}
	grown := *base
	grown.Services = append(slices.Clone(base.Services),
		Service{Name: "orders", Kind: KindCRUD, Store: StorePostgres, Fields: []Field{{Name: "title", Type: "string"}}, Split: true},
		Service{Name: "users", Kind: KindCRUD, Store: StoreDatastore, Fields: []Field{{Name: "name", Type: "string"}}})
	grown.Jobs = []Job{{Name: "nightly-load", Schedule: "0 2 * * *"}}
	grown.Deploy = Deploy{TLS: &TLS{Issuer: IssuerLetsEncrypt, Domain: "api.example.com"}, CloudSQL: "my-project:us-central1:main"}
	before, after := renderProjectTree(t, base), renderProjectTree(t, &grown)

	owned := []string{"deploy/helm/shop/lilith.gen.yaml", ".github/workflows/ci.yml", ".circleci/config.yml", ".travis.yml"}
	for p, data := range after {
		deployOrCI := strings.HasPrefix(p, "deploy/") || strings.HasPrefix(p, ".github/") || strings.HasPrefix(p, ".circleci/") ||
			p == ".travis.yml" || p == "Makefile" || p == "Dockerfile"
		if !deployOrCI {
			continue // services' own files are the business of the round-trip tests
		}
		if IsOwned(data) != slices.Contains(owned, p) {
			t.Errorf("%s: owned %v, want %v", p, IsOwned(data), !IsOwned(data))
		}
		if string(before[p]) != string(data) && !IsOwned(data) {
			t.Errorf("%s changed when jobs, services, a split, TLS and Cloud SQL were added, but it is the user's file", p)
		}
	}
	for _, p := range owned {
		if string(before[p]) == string(after[p]) {
			t.Errorf("%s did not change when jobs, services, TLS and Cloud SQL were added", p)
		}
	}
}
