package generator

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// cert-manager's kinds are CRDs with no k8s.io/api type. These structs are
// the subset of cert-manager.io/v1 that a generated chart may use, with the
// field names of the CRDs; decodeStrict rejects any other field, so a typo
// in a template fails as it would in the cluster's schema validation.

// cmIssuer is a cert-manager.io/v1 Issuer.
type cmIssuer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              cmIssuerSpec `json:"spec"`
}

type cmIssuerSpec struct {
	ACME *cmACME `json:"acme,omitempty"`
}

type cmACME struct {
	Server              string         `json:"server"`
	Email               string         `json:"email,omitempty"`
	PrivateKeySecretRef cmSecretRef    `json:"privateKeySecretRef"`
	Solvers             []cmACMESolver `json:"solvers,omitempty"`
}

type cmSecretRef struct {
	Name string `json:"name"`
	Key  string `json:"key,omitempty"`
}

type cmACMESolver struct {
	HTTP01 *cmHTTP01 `json:"http01,omitempty"`
}

type cmHTTP01 struct {
	Ingress *cmHTTP01Ingress `json:"ingress,omitempty"`
}

type cmHTTP01Ingress struct {
	IngressClassName *string `json:"ingressClassName,omitempty"`
	Class            *string `json:"class,omitempty"`
	Name             string  `json:"name,omitempty"`
}

// cmCertificate is a cert-manager.io/v1 Certificate.
type cmCertificate struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              cmCertificateSpec `json:"spec"`
}

type cmCertificateSpec struct {
	SecretName  string           `json:"secretName"`
	CommonName  string           `json:"commonName,omitempty"`
	DNSNames    []string         `json:"dnsNames,omitempty"`
	IssuerRef   cmIssuerRef      `json:"issuerRef"`
	Duration    *metav1.Duration `json:"duration,omitempty"`
	RenewBefore *metav1.Duration `json:"renewBefore,omitempty"`
}

type cmIssuerRef struct {
	Name  string `json:"name"`
	Kind  string `json:"kind,omitempty"`
	Group string `json:"group,omitempty"`
}
