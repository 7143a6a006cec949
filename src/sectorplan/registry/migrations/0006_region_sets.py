"""Region sets (issue 18): the regions and municipalities so far become the set of 2015, and
every scheme so far is divided over it."""

import django.db.models.deletion
from django.db import migrations, models

import sectorplan.registry.models

SOURCE_2015 = (
    "Besluit werkgebieden UWV 2015 (BWBR0036164), bijlage 3; CBS-codes AM01-AM35 (2015); "
    "centrumgemeenten uit bijlage 1 van de Regeling cofinanciering sectorplannen "
    "(BWBR0035840). Zie sectorplan/data/sw2015/SOURCES.md."
)


def into_the_2015_set(apps, schema_editor):
    RegionSet = apps.get_model("registry", "RegionSet")
    Region = apps.get_model("registry", "Region")
    Municipality = apps.get_model("registry", "Municipality")
    Scheme = apps.get_model("registry", "Scheme")
    if not (Region.objects.exists() or Scheme.objects.exists()):
        return
    region_set, _ = RegionSet.objects.get_or_create(
        slug="arbeidsmarktregios-2015",
        defaults={
            "name": "Arbeidsmarktregio's 2015",
            "name_en": "Labour-market regions 2015",
            "source": SOURCE_2015,
        },
    )
    for model in (Region, Municipality, Scheme):
        model.objects.update(region_set=region_set)


def set_field(related_name, *, nullable=False, default=False):
    # The default comes in a step of its own: making the column NOT NULL with it would call it,
    # and with it today's model, while the database is still being migrated.
    return models.ForeignKey(
        null=nullable,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="registry.regionset",
        verbose_name="regio-indeling",
        **({"default": sectorplan.registry.models.default_region_set_id} if default else {}),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_report_questions"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegionSet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=300, verbose_name="naam (Engels)"),
                ),
                (
                    "description_en",
                    models.TextField(blank=True, verbose_name="omschrijving (Engels)"),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="korte naam")),
                ("name", models.CharField(max_length=200, verbose_name="naam")),
                ("description", models.TextField(blank=True, verbose_name="omschrijving")),
                (
                    "source",
                    models.TextField(
                        help_text="Waar de indeling vandaan komt.", verbose_name="bron"
                    ),
                ),
            ],
            options={
                "verbose_name": "regio-indeling",
                "verbose_name_plural": "regio-indelingen",
                "ordering": ["slug"],
            },
        ),
        migrations.AddField("scheme", "region_set", set_field("schemes", nullable=True)),
        migrations.AddField("region", "region_set", set_field("regions", nullable=True)),
        migrations.AddField("municipality", "region_set", set_field("+", nullable=True)),
        migrations.RunPython(into_the_2015_set, migrations.RunPython.noop),
        migrations.AlterField("scheme", "region_set", set_field("schemes", nullable=False)),
        migrations.AlterField("region", "region_set", set_field("regions", nullable=False)),
        migrations.AlterField("municipality", "region_set", set_field("+", nullable=False)),
        migrations.AlterField("scheme", "region_set", set_field("schemes", default=True)),
        migrations.AlterField("region", "region_set", set_field("regions", default=True)),
        migrations.AlterField(
            model_name="region",
            name="code",
            field=models.CharField(max_length=8, verbose_name="CBS-code"),
        ),
        migrations.AlterField(
            model_name="municipality",
            name="name",
            field=models.CharField(max_length=200, verbose_name="naam"),
        ),
        migrations.AddConstraint(
            model_name="region",
            constraint=models.UniqueConstraint(
                fields=("region_set", "code"), name="region_code_per_set"
            ),
        ),
        migrations.AddConstraint(
            model_name="municipality",
            constraint=models.UniqueConstraint(
                fields=("region_set", "name"), name="municipality_name_per_set"
            ),
        ),
    ]
