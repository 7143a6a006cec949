"""Records that change only through services (audit events, versions, decisions, invitations)
are shown in the admin, never added, changed or deleted there."""


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
