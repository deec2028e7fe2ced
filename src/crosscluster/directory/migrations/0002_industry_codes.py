"""Load the WZ 2008 industry codes shipped in directory/data/wz2008.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "wz2008.csv"


def load_codes(apps, schema_editor):
    IndustryCode = apps.get_model("directory", "IndustryCode")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    IndustryCode.objects.bulk_create(
        [
            IndustryCode(
                code=r["code"], level=int(r["level"]), section=r["section"],
                title=r["title_de"], title_de=r["title_de"], title_en=r["title_en"] or None,
                parent_id=r["parent"] or None,  # foreign keys are checked at commit
            )
            for r in rows
        ],
        batch_size=500,
    )


def unload_codes(apps, schema_editor):
    apps.get_model("directory", "IndustryCode").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load_codes, unload_codes)]
