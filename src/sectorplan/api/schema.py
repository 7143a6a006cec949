"""The OpenAPI schema class: drf-spectacular's, plus the refusals every operation can give.

drf-spectacular documents only the success answer unless a view says more. The API refuses in
three ways the whole API shares (see api/plans.py run_service and DRF's exception handler), so
they are documented here once instead of on each view:

- 400 with the Dutch messages per field, when the operation takes input (a body or a query);
- 403 with a `detail`, when the operation knows who asks (session log-in): not logged in, not
  allowed, second factor owed, or a missing CSRF token;
- 404 with a `detail`, when the path names something: it does not exist or is hidden;
- 409 with the Dutch message under `version` and the `current_version`, when a write names the
  version it builds on (in its body or query) and someone else changed the object meanwhile.

A view that documents one of these codes itself keeps its own description."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _refusal(description: str) -> OpenApiResponse:
    # Imported here: the serializer lives with the first views that documented refusals.
    from .assessment import RefusalSerializer

    return OpenApiResponse(RefusalSerializer, description=description)


CONFLICT = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Someone else changed it meanwhile; nothing changed. `version` holds the message "
    "in Dutch, `current_version` the version to build on.",
)


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
        if self._changes_a_version(parameters):
            refusals["409"] = CONFLICT
        return refusals

    def _changes_a_version(self, parameters) -> bool:
        """A write on an existing object that names its version. Creating names none, so a
        POST counts only as an action on an object (its path names the id); a view whose
        create changes an existing object documents CONFLICT itself."""
        on_object = any(p["in"] == "path" and p["name"] in ("id", "pk") for p in parameters)
        if self.method not in UNSAFE_METHODS or (self.method == "POST" and not on_object):
            return False
        if any(p["name"] == "version" for p in parameters):
            return True
        serializer = force_instance(self.get_request_serializer())
        return "version" in getattr(serializer, "fields", {})
