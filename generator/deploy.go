package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Deploy holds the deployment choices of a project that go beyond the
// chart's defaults. Both end up in the chart's owned lilith.gen.yaml.
type Deploy struct {
	// TLS, if set, gives the Ingress a certificate from cert-manager.
	TLS *TLS `yaml:"tls,omitempty"`
	// CloudSQL, if set, is the Cloud SQL instance connection name
	// (project:region:instance) that Postgres services reach through the
	// Cloud SQL Auth Proxy, a sidecar of every pod.
	CloudSQL string `yaml:"cloudsql,omitempty"`
}

// TLS is the certificate of the project's public host name.
type TLS struct {
	// Issuer is the ACME issuer, one of TLSIssuerNames.
	Issuer string `yaml:"issuer"`
	// Domain is the host name the Ingress serves and the certificate names.
	Domain string `yaml:"domain"`
}

// TLS issuers lilith can write a cert-manager Issuer for.
const (
	IssuerLetsEncrypt        = "letsencrypt"
	IssuerLetsEncryptStaging = "letsencrypt-staging"
)

// TLSIssuerNames lists the accepted --issuer (and --tls) values, the default first.
var TLSIssuerNames = []string{IssuerLetsEncrypt, IssuerLetsEncryptStaging}

// acmeServers maps an issuer to its ACME directory.
var acmeServers = map[string]string{
	IssuerLetsEncrypt:        "https://acme-v02.api.letsencrypt.org/directory",
	IssuerLetsEncryptStaging: "https://acme-staging-v02.api.letsencrypt.org/directory",
}

// CloudSQLProxyImage is the Cloud SQL Auth Proxy (v2) that runs beside the
// pods of a project with a Cloud SQL instance. It is the one place to bump it.
const CloudSQLProxyImage = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.28.0"

// IsZero reports whether d holds no choice, so that the manifest omits it.
func (d Deploy) IsZero() bool { return d.TLS == nil && d.CloudSQL == "" }

// Validate checks the deployment choices.
func (d Deploy) Validate() error {
	if d.TLS != nil {
		if err := ValidateIssuer(d.TLS.Issuer); err != nil {
			return fmt.Errorf("deploy.tls: %w", err)
		}
		if err := ValidateDomain(d.TLS.Domain); err != nil {
			return fmt.Errorf("deploy.tls: %w", err)
		}
	}
	if d.CloudSQL != "" {
		if err := ValidateCloudSQLInstance(d.CloudSQL); err != nil {
			return fmt.Errorf("deploy.cloudsql: %w", err)
		}
	}
	return nil
}

// ValidateIssuer checks a TLS issuer name: one of TLSIssuerNames.
func ValidateIssuer(issuer string) error {
	if !slices.Contains(TLSIssuerNames, issuer) {
		return fmt.Errorf("unknown TLS issuer %q; accepted: %s", issuer, strings.Join(TLSIssuerNames, ", "))
	}
	return nil
}

// dnsLabel is one label of a host name.
var dnsLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// ValidateDomain checks that domain is a fully qualified DNS host name that
// a public ACME issuer can certify: lower-case labels of letters, digits
// and '-', at least two of them, the last starting with a letter; no
// wildcard, no trailing dot, at most 253 characters.
func ValidateDomain(domain string) error {
	const rule = "use a lower-case DNS name such as api.example.com"
	bad := func(why string) error { return fmt.Errorf("invalid domain %q: %s; %s", domain, why, rule) }
	switch {
	case domain == "":
		return fmt.Errorf("domain is empty; %s", rule)
	case len(domain) > 253:
		return bad(fmt.Sprintf("it is %d characters long, more than 253", len(domain)))
	case strings.ToLower(domain) != domain:
		return bad("it contains upper-case letters")
	case strings.Contains(domain, "*"):
		return bad("a wildcard needs a DNS-01 solver, which lilith does not write")
	case strings.Contains(domain, "://") || strings.ContainsAny(domain, "/:"):
		return bad("it is a URL or has a port; give the host name alone")
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return bad("it has a single label")
	}
	for _, l := range labels {
		if !dnsLabel.MatchString(l) {
			return bad(fmt.Sprintf("label %q is not 1 to 63 letters, digits or inner '-'", l))
		}
	}
	if tld := labels[len(labels)-1]; tld[0] < 'a' || tld[0] > 'z' {
		return bad("its last label does not start with a letter (an IP address cannot have a certificate here)")
	}
	return nil
}

// cloudSQLInstance is an instance connection name: project:region:instance,
// the project optionally domain-scoped (example.com:project).
var cloudSQLInstance = regexp.MustCompile(`^([a-z0-9.-]+\.[a-z]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]:[a-z]+-[a-z]+[0-9]+:[a-z]([a-z0-9-]{0,96}[a-z0-9])?$`)

// ValidateCloudSQLInstance checks a Cloud SQL instance connection name:
// project:region:instance, such as my-project:europe-west1:main.
func ValidateCloudSQLInstance(instance string) error {
	if !cloudSQLInstance.MatchString(instance) {
		return fmt.Errorf("invalid Cloud SQL instance %q: want the connection name project:region:instance, such as my-project:europe-west1:main (gcloud sql instances describe NAME --format='value(connectionName)')", instance)
	}
	return nil
}

// AddTLS gives the project a certificate for domain from issuer; a project
// that has one already is refused.
func (m *Manifest) AddTLS(t TLS) error {
	if m.Deploy.TLS != nil {
		return fmt.Errorf("TLS is already set up for %s; run 'lilith remove tls' first to change it", m.Deploy.TLS.Domain)
	}
	m.Deploy.TLS = &t
	return m.Validate()
}

// RemoveTLS removes the project's certificate.
func (m *Manifest) RemoveTLS() error {
	if m.Deploy.TLS == nil {
		return fmt.Errorf("TLS is not set up in this project; 'lilith add tls --domain NAME' sets it up")
	}
	m.Deploy.TLS = nil
	return nil
}
