package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

func newAddTLSCmd(e *env) *cobra.Command {
	var (
		o      changeOptions
		domain string
		issuer string
	)
	c := &cobra.Command{
		Use:   "tls",
		Short: "Serve the project over HTTPS: a cert-manager Issuer and Certificate for the Ingress",
		Long: `add tls records the domain and the issuer in lilith.yaml. The chart's owned
lilith.gen.yaml then carries them: the chart renders a cert-manager Issuer
(ACME, with the HTTP-01 solver through the Ingress) and a Certificate for
the domain, and the Ingress is on and serves the domain over TLS. values.yaml
and the chart's templates are not changed. cert-manager must be installed in
the cluster.

--issuer is letsencrypt (the default) or letsencrypt-staging, whose
certificates browsers do not trust but whose rate limits are generous: try
it first.`,
		Example: `  lilith add tls --domain api.example.com
  lilith add tls --domain api.example.com --issuer letsencrypt-staging`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if domain == "" {
				return usagef("missing --domain: the host name to certify, such as --domain api.example.com")
			}
			if err := generator.ValidateDomain(domain); err != nil {
				return usagef("--domain: %w", err)
			}
			if err := generator.ValidateIssuer(issuer); err != nil {
				return usagef("--issuer: %w", err)
			}
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.AddTLS(generator.TLS{Issuer: issuer, Domain: domain})
			})
		},
	}
	addChangeFlags(c, &o)
	c.Flags().StringVar(&domain, "domain", "", "the public host name to serve over TLS, e.g. api.example.com")
	c.Flags().StringVar(&issuer, "issuer", generator.IssuerLetsEncrypt, fmt.Sprintf("the ACME issuer: %s", strings.Join(generator.TLSIssuerNames, " or ")))
	return c
}

func newRemoveTLSCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:     "tls",
		Short:   "Remove TLS: the exact inverse of add tls",
		Long:    `remove tls removes the domain and issuer from lilith.yaml and so the Issuer and Certificate from the chart.`,
		Example: `  lilith remove tls`,
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.RemoveTLS()
			})
		},
	}
	addChangeFlags(c, &o)
	return c
}
