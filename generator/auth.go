package generator

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Auth providers: the presets of 'lilith add auth --provider'.
const (
	// ProviderOIDC is any OpenID Connect issuer: keys found by discovery.
	ProviderOIDC = "oidc"
	// ProviderFirebase is Firebase Authentication (Google Identity Platform).
	ProviderFirebase = "firebase"
	// ProviderCognito is an Amazon Cognito user pool.
	ProviderCognito = "cognito"
	// ProviderJWT is a private issuer with a static JWKS URL or PEM keys.
	ProviderJWT = "jwt"
)

// ProviderNames lists the accepted --provider values.
var ProviderNames = []string{ProviderOIDC, ProviderFirebase, ProviderCognito, ProviderJWT}

// FirebaseJWKSURL is where Google publishes the keys that sign Firebase ID tokens.
const FirebaseJWKSURL = "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com"

// Auth is how the project authenticates callers: one issuer of JWTs, whose
// settings become the defaults of AUTH_ISSUER, AUTH_AUDIENCE and
// AUTH_JWKS_URL in the generated code.
type Auth struct {
	// Provider is the preset, one of ProviderNames.
	Provider string `yaml:"provider"`
	// Issuer is the expected iss claim (oidc, jwt).
	Issuer string `yaml:"issuer,omitempty"`
	// Audience is the expected aud claim; for Cognito, the app client ID
	// that access tokens carry as client_id.
	Audience string `yaml:"audience,omitempty"`
	// JWKSURL is where the issuer's keys are (jwt); other providers find
	// them from the issuer.
	JWKSURL string `yaml:"jwks_url,omitempty"`
	// Project is the Firebase (Google Cloud) project ID (firebase).
	Project string `yaml:"project,omitempty"`
	// Region is the AWS region of the Cognito user pool (cognito).
	Region string `yaml:"region,omitempty"`
	// UserPool is the Cognito user pool ID (cognito).
	UserPool string `yaml:"user_pool,omitempty"`
}

var (
	firebaseProject = regexp.MustCompile(`^[a-z][a-z0-9-]{2,28}[a-z0-9]$`)
	awsRegion       = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	cognitoPool     = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]_[A-Za-z0-9]+$`)
	audience        = regexp.MustCompile(`^[\x21-\x7e]{1,256}$`)
)

// ValidateProvider checks a --provider value.
func ValidateProvider(p string) error {
	if !slices.Contains(ProviderNames, p) {
		return fmt.Errorf("unknown auth provider %q; accepted: %s", p, strings.Join(ProviderNames, ", "))
	}
	return nil
}

// ValidateIssuerURL checks an issuer or JWKS URL: absolute https (http only
// for localhost), no query or fragment.
func ValidateIssuerURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(raw, "\"`\\ ") {
		return fmt.Errorf("%s %q is not an absolute URL such as https://issuer.example.com", what, raw)
	}
	local := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1"
	if u.Scheme != "https" && !(u.Scheme == "http" && local) {
		return fmt.Errorf("%s %q must use https (http only for localhost)", what, raw)
	}
	return nil
}

// ValidateFirebaseProject checks a Google Cloud project ID.
func ValidateFirebaseProject(p string) error {
	if !firebaseProject.MatchString(p) {
		return fmt.Errorf("project %q is not a Google Cloud project ID: 4 to 30 lower-case letters, digits or hyphens, starting with a letter", p)
	}
	return nil
}

// ValidateRegion checks an AWS region such as eu-west-1.
func ValidateRegion(r string) error {
	if !awsRegion.MatchString(r) {
		return fmt.Errorf("region %q is not an AWS region such as eu-west-1", r)
	}
	return nil
}

// ValidateUserPool checks a Cognito user pool ID in region, such as eu-west-1_AbC123.
func ValidateUserPool(region, pool string) error {
	if !cognitoPool.MatchString(pool) || !strings.HasPrefix(pool, region+"_") {
		return fmt.Errorf("user pool %q is not a Cognito user pool ID of region %s, such as %s_AbC123", pool, region, region)
	}
	return nil
}

// ValidateAudience checks an audience: printable, no spaces or quotes.
func ValidateAudience(aud string) error {
	if !audience.MatchString(aud) || strings.ContainsAny(aud, "\"`\\") {
		return fmt.Errorf("audience %q must be 1 to 256 printable characters without spaces or quotes", aud)
	}
	return nil
}

// Validate checks that a has what its provider needs, and nothing another
// provider needs.
func (a *Auth) Validate() error {
	if err := ValidateProvider(a.Provider); err != nil {
		return err
	}
	const optional, required = 1, 2
	need := map[string]int{}
	switch a.Provider {
	case ProviderFirebase:
		need["project"] = required
	case ProviderCognito:
		need["region"], need["user_pool"], need["audience"] = required, required, required
	case ProviderOIDC:
		need["issuer"], need["audience"] = required, required
	case ProviderJWT:
		// Without a JWKS URL the keys come from AUTH_JWKS_URL or
		// AUTH_JWKS_FILE (JWKS or PEM) at run time.
		need["issuer"], need["audience"], need["jwks_url"] = required, required, optional
	}
	values := []struct {
		name, value string
		check       func(string) error
	}{
		{"issuer", a.Issuer, func(v string) error { return ValidateIssuerURL("issuer", v) }},
		{"audience", a.Audience, ValidateAudience},
		{"jwks_url", a.JWKSURL, func(v string) error { return ValidateIssuerURL("jwks_url", v) }},
		{"project", a.Project, ValidateFirebaseProject},
		{"region", a.Region, ValidateRegion},
		{"user_pool", a.UserPool, func(v string) error { return ValidateUserPool(a.Region, v) }},
	}
	for _, v := range values {
		switch {
		case need[v.name] == required && v.value == "":
			return fmt.Errorf("provider %s needs %s", a.Provider, v.name)
		case need[v.name] == 0 && v.value != "":
			return fmt.Errorf("provider %s takes no %s", a.Provider, v.name)
		case v.value != "":
			if err := v.check(v.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// Defaults returns the issuer, audience and JWKS URL that the provider
// implies: the defaults of AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL. An
// empty JWKS URL means OIDC discovery from the issuer.
func (a *Auth) Defaults() (issuer, aud, jwksURL string) {
	switch a.Provider {
	case ProviderFirebase:
		return "https://securetoken.google.com/" + a.Project, a.Project, FirebaseJWKSURL
	case ProviderCognito:
		iss := "https://cognito-idp." + a.Region + ".amazonaws.com/" + a.UserPool
		return iss, a.Audience, iss + "/.well-known/jwks.json"
	}
	return a.Issuer, a.Audience, a.JWKSURL
}

// AddAuth sets up authentication; a project has one issuer at most.
func (m *Manifest) AddAuth(a Auth) error {
	if m.Auth != nil {
		return fmt.Errorf("auth is already set up with provider %s; run 'lilith remove auth' first to change it", m.Auth.Provider)
	}
	m.Auth = &a
	return m.Validate()
}

// RemoveAuth removes authentication, refused while a service needs it.
func (m *Manifest) RemoveAuth() error {
	if m.Auth == nil {
		return errors.New("auth is not set up in this project; 'lilith add auth --provider NAME' sets it up")
	}
	for _, s := range m.Services {
		if s.Auth != nil {
			return fmt.Errorf("service %q requires auth; run 'lilith remove service %s' first", s.Name, s.Name)
		}
	}
	m.Auth = nil
	return nil
}

// validateAuth checks the auth settings and that every service that needs
// auth has it.
func (m *Manifest) validateAuth() error {
	if m.Auth != nil {
		if err := m.Auth.Validate(); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	for _, s := range m.Services {
		if s.Auth == nil {
			continue
		}
		if s.Kind != KindCRUD {
			return fmt.Errorf("service %q: only services added with 'lilith add service' take auth", s.Name)
		}
		if m.Auth == nil {
			return fmt.Errorf("service %q requires auth, but the project has none; run 'lilith add auth --provider NAME' first", s.Name)
		}
	}
	return nil
}

// ServiceAuth is how a service's routes are protected.
type ServiceAuth struct {
	// PublicRead lets GET and HEAD requests through without a token.
	PublicRead bool `yaml:"public_read,omitempty"`
	// Policy checks (subject, resource, action) against the project's
	// policy on every request that carries a token.
	Policy bool `yaml:"policy,omitempty"`
}
