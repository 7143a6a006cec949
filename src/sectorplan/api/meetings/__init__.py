"""The meeting endpoints under /api/v1/ (views.py, bodies in serializers.py).

sectorplan.api.urls appends `urlpatterns` to its own, so the names live in the "api" namespace.
"""

from django.urls import path

from .views import (
    AttendanceView,
    ContactListView,
    GoodPracticeListView,
    InviteesView,
    InviteeView,
    MeetingDetailView,
    MeetingListView,
    ProposeView,
    RsvpView,
    SendView,
)

MEETING = "v1/meetings/<int:pk>"


urlpatterns = [
    path("v1/meetings/", MeetingListView.as_view(), name="meeting-list"),
    path(f"{MEETING}/", MeetingDetailView.as_view(), name="meeting-detail"),
    path(f"{MEETING}/propose-invitees/", ProposeView.as_view(), name="meeting-propose-invitees"),
    path(f"{MEETING}/invitees/", InviteesView.as_view(), name="meeting-invitees"),
    path(
        f"{MEETING}/invitees/<int:invitation_pk>/",
        InviteeView.as_view(),
        name="meeting-invitee",
    ),
    path(f"{MEETING}/send-invitations/", SendView.as_view(), name="meeting-send-invitations"),
    path(f"{MEETING}/attendance/", AttendanceView.as_view(), name="meeting-attendance"),
    path("v1/rsvp/<str:token>/", RsvpView.as_view(), name="rsvp"),
    path("v1/contacts/", ContactListView.as_view(), name="contact-list"),
    path("v1/good-practices/", GoodPracticeListView.as_view(), name="good-practice-list"),
]
