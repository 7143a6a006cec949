"""/favicon.ico: browsers ask for it on every site whatever the page links, so it is answered
here (not only through the static files, which a deployment may serve elsewhere)."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    path = finders.find("sectorplan/favicon.ico")
    if path is None:  # pragma: no cover - the file ships with the package
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
