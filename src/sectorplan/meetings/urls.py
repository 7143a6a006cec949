from django.urls import path

from . import confirm_views, network_views, views

app_name = "meetings"

MEETING = "<int:pk>"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_create, name="create"),
    path(f"{MEETING}/", views.meeting_detail, name="detail"),
    path(f"{MEETING}/wijzigen/", views.meeting_edit, name="edit"),
    path(f"{MEETING}/voorstel/", views.propose, name="propose"),
    path(f"{MEETING}/genodigden/toevoegen/", views.invitee_add, name="invitee-add"),
    path(
        f"{MEETING}/genodigden/<int:invitation_id>/verwijderen/",
        views.invitee_remove,
        name="invitee-remove",
    ),
    path(f"{MEETING}/uitnodigen/", views.send, name="send"),
    path(f"{MEETING}/uitnodigen/bevestigen/", confirm_views.confirm_send, name="send-confirm"),
    path(f"{MEETING}/aanwezigheid/", views.attendance, name="attendance"),
    # The personal link: no log-in, the token is the credential.
    path("uitnodiging/<str:token>/", views.rsvp, name="rsvp"),
    path(
        "uitnodiging/<str:token>/voorbeelden/<int:practice_id>/",
        views.rsvp_practice_file,
        name="rsvp-practice-file",
    ),
    path("netwerk/", network_views.directory, name="directory"),
    path("netwerk.<str:fmt>", network_views.directory_export, name="directory-export"),
    path("goede-voorbeelden/", network_views.good_practice_list, name="good-practices"),
    path(
        "goede-voorbeelden/nieuw/",
        network_views.good_practice_create,
        name="good-practice-create",
    ),
    path(
        "goede-voorbeelden/<int:pk>/wijzigen/",
        network_views.good_practice_edit,
        name="good-practice-edit",
    ),
    path(
        "goede-voorbeelden/<int:pk>/bestand/",
        network_views.good_practice_file,
        name="good-practice-file",
    ),
]
