import pytest
import yaml  # noqa: F401  (pyyaml comes with drf-spectacular)
from django.urls import reverse


@pytest.mark.django_db
def test_schema_documents_the_allocation_endpoint(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/v1/schemes/{slug}/allocation/"]["get"]
    assert "200" in operation["responses"]
    region = schema["components"]["schemas"]["RegionBudget"]["properties"]
    assert region["reserved_national_contribution"]["type"] == "string"


@pytest.mark.django_db
def test_browsable_schema_page_uses_local_assets(client):
    html = client.get(reverse("api:swagger-ui")).content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
