"""A real OpenID Connect provider (django-oidc-provider) that the sign-in tests start as a server of its own."""
