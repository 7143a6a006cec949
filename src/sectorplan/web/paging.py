"""Pages of 50 rows for every list that grows (issue 15): Django's Paginator, with page links
that keep the list's filters and sort in the URL, drawn by web/_pagination.html as NL Design
System (Utrecht) pagination."""

from django.core.paginator import Paginator

PER_PAGE = 50
PAGE_PARAM = "pagina"


def paginate(request, rows, per_page: int = PER_PAGE) -> dict:
    """The context a list template needs: `page` (its rows are page.object_list), `total`, and
    `pagination` (links) for the include; `query` is the URL's parameters without the page,
    for the export links."""
    page = Paginator(rows, per_page).get_page(request.GET.get(PAGE_PARAM))
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    query = params.urlencode()

    def link(number: int) -> str:
        params[PAGE_PARAM] = str(number)
        return "?" + params.urlencode()

    numbers = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        numbers.append(
            {"number": number, "url": link(number) if isinstance(number, int) else None}
        )
    return {
        "page": page,
        "total": page.paginator.count,
        "query": query,
        "pagination": {
            "page": page,
            "numbers": numbers if page.paginator.num_pages > 1 else [],
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "next": link(page.next_page_number()) if page.has_next() else None,
        },
    }
