"""Log-in through an organisation's identity provider or an eHerkenning broker (OpenID Connect).

Off unless SECTORPLAN_OIDC_ENABLED=1. The provider vouches for an e-mail address; that address
must belong to exactly one active user here, who already has a membership. Nobody is created,
no membership is given and nothing about the user is changed from the provider's claims: the
programme office's administrators decide who acts for which organisation.
"""

import logging

from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

log = logging.getLogger(__name__)


class EmailOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return False
        # A provider that says the address is not verified is not believed.
        return claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            email__iexact=email, is_active=True, membership__isnull=False
        )

    def create_user(self, claims):
        # Belt and braces: OIDC_CREATE_USER is False as well.
        raise SuspiciousOperation("OpenID Connect never creates users")

    def update_user(self, user, claims):
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            log.warning("OpenID Connect log-in refused: no single active user with that e-mail")
        return user
