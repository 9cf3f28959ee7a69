package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/lilithgo/lilith/generator"
)

// authValue is one setting of add auth: its flag, where it goes, and how
// to ask for it.
type authValue struct {
	flag, prompt, example string
	value                 *string
	check                 func(string) error
}

// authValues lists, for provider, the settings it needs, in prompt order.
func authValues(provider string, a *generator.Auth) []authValue {
	issuer := authValue{"issuer", "Issuer URL (the iss claim of its tokens)", "https://issuer.example.com",
		&a.Issuer, func(v string) error { return generator.ValidateIssuerURL("issuer", v) }}
	aud := authValue{"audience", "Audience (the aud claim your API accepts)", "my-api", &a.Audience, generator.ValidateAudience}
	switch provider {
	case generator.ProviderFirebase:
		return []authValue{{"project", "Firebase project ID", "my-project", &a.Project, generator.ValidateFirebaseProject}}
	case generator.ProviderCognito:
		return []authValue{
			{"region", "AWS region of the user pool", "eu-west-1", &a.Region, generator.ValidateRegion},
			{"user-pool", "Cognito user pool ID", "eu-west-1_AbC123", &a.UserPool, func(v string) error { return generator.ValidateUserPool(a.Region, v) }},
			{"audience", "App client ID (the client_id of access tokens)", "1example23456789", &a.Audience, generator.ValidateAudience},
		}
	}
	return []authValue{issuer, aud}
}

func newAddAuthCmd(e *env) *cobra.Command {
	var (
		o changeOptions
		a generator.Auth
	)
	c := &cobra.Command{
		Use:   "auth",
		Short: "Authenticate callers with JWTs from an issuer: Firebase, Cognito, any OIDC issuer, or static keys",
		Long: `add auth records the issuer of the project's JWTs in lilith.yaml and generates
internal/platform/auth: a verifier of bearer tokens (signature against the
issuer's JWKS, iss, aud, exp, nbf and iat; asymmetric algorithms only) and
the middleware that protects the services added with --auth.

Providers:
  firebase  --project ID: issuer https://securetoken.google.com/ID, audience ID, Google's keys
  cognito   --region R --user-pool ID --audience APP_CLIENT_ID: Cognito access tokens
            (token_use access, client_id = the app client)
  oidc      --issuer URL --audience AUD: keys found by OpenID Connect discovery
  jwt       --issuer URL --audience AUD [--jwks-url URL]: a private issuer; without
            --jwks-url, AUTH_JWKS_URL or AUTH_JWKS_FILE (JWKS or PEM) give the keys

These are defaults: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL override them
at run time. A project has one issuer; 'lilith remove auth' removes it.`,
		Example: `  lilith add auth --provider firebase --project my-project
  lilith add auth --provider cognito --region eu-west-1 --user-pool eu-west-1_AbC123 --audience 1example23456789
  lilith add auth --provider oidc --issuer https://accounts.example.com --audience my-api
  lilith add auth --provider jwt --issuer https://auth.internal.example --audience my-api --jwks-url https://auth.internal.example/keys`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			noInput, _ := c.Flags().GetBool("no-input")
			ask := e.interactive && !noInput
			if a.Provider == "" {
				if !ask {
					return usagef("missing --provider: one of %s", strings.Join(generator.ProviderNames, ", "))
				}
				var err error
				if a.Provider, err = e.prompter.Select("Who issues your callers' tokens?", generator.ProviderNames, generator.ProviderFirebase); err != nil {
					return err
				}
			}
			if err := generator.ValidateProvider(a.Provider); err != nil {
				return usagef("--provider: %w", err)
			}
			for _, v := range authValues(a.Provider, &a) {
				if *v.value != "" {
					if err := v.check(*v.value); err != nil {
						return usagef("--%s: %w", v.flag, err)
					}
					continue
				}
				if !ask {
					return usagef("missing --%s: --provider %s needs it, such as --%s %s", v.flag, a.Provider, v.flag, v.example)
				}
				answer, err := e.prompter.Input(v.prompt, "", v.check)
				if err != nil {
					return err
				}
				*v.value = answer
			}
			if err := a.Validate(); err != nil {
				return usageError{err}
			}
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.AddAuth(a)
			})
		},
	}
	addChangeFlags(c, &o)
	f := c.Flags()
	f.StringVar(&a.Provider, "provider", "", "who issues the tokens: "+strings.Join(generator.ProviderNames, ", "))
	f.StringVar(&a.Issuer, "issuer", "", "the issuer URL, the iss claim (oidc, jwt)")
	f.StringVar(&a.Audience, "audience", "", "the audience the API accepts (oidc, jwt; cognito: the app client ID)")
	f.StringVar(&a.JWKSURL, "jwks-url", "", "where the issuer's keys are (jwt)")
	f.StringVar(&a.Project, "project", "", "the Firebase project ID (firebase)")
	f.StringVar(&a.Region, "region", "", "the AWS region of the user pool (cognito)")
	f.StringVar(&a.UserPool, "user-pool", "", "the Cognito user pool ID (cognito)")
	return c
}

func newRemoveAuthCmd(e *env) *cobra.Command {
	var o changeOptions
	c := &cobra.Command{
		Use:     "auth",
		Short:   "Remove authentication: the exact inverse of add auth",
		Long:    `remove auth removes the issuer from lilith.yaml and the generated auth code. It is refused while a service requires auth.`,
		Example: `  lilith remove auth`,
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return changeProject(c.Context(), e, o, func(m *generator.Manifest) error {
				return m.RemoveAuth()
			})
		},
	}
	addChangeFlags(c, &o)
	return c
}
