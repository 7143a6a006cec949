"""The OpenAPI schema class: drf-spectacular's, plus the refusals every operation can give.

drf-spectacular documents only the success answer unless a view says more. The API refuses in
three ways the whole API shares (see api/plans.py run_service and DRF's exception handler), so
they are documented here once instead of on each view:

- 400 with the Dutch messages per field, when the operation takes input (a body or a query);
- 403 with a `detail`, when the operation knows who asks (session log-in): not logged in, not
  allowed, second factor owed, or a missing CSRF token;
- 404 with a `detail`, when the path names something: it does not exist or is hidden.

A view that documents one of these codes itself keeps its own description."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _refusal(description: str) -> OpenApiResponse:
    # Imported here: the serializer lives with the first views that documented refusals.
    from .assessment import RefusalSerializer

    return OpenApiResponse(RefusalSerializer, description=description)


class SectorplanAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code, response in self._shared_refusals(operation).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code)
        return operation

    def _shared_refusals(self, operation) -> dict[str, OpenApiResponse]:
        parameters = operation.get("parameters", [])
        refusals = {}
        takes_query = any(p["in"] == "query" for p in parameters)
        if "requestBody" in operation or takes_query or self.method in UNSAFE_METHODS:
            refusals["400"] = OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Refused by a rule or invalid input; nothing changed. Each field "
                "(or non_field_errors) with a list of messages in Dutch.",
            )
        if self.view.get_authenticators():
            refusals["403"] = _refusal("Not logged in, or not allowed.")
        if any(p["in"] == "path" for p in parameters):
            refusals["404"] = _refusal("Does not exist, or hidden from you.")
        return refusals
