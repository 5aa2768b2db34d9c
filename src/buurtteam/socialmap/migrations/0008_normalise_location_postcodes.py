"""Location postcodes in one format: ``1234AB``, as the map's own forms store them (``normalise_postcode``).

An HSDS import stored ``1234 AB`` until the import normalised too, so a lookup by postcode could miss an
imported location. A value that is not a Dutch postcode stays as it is. Nothing to undo: the old format was
the same postcode.
"""

from django.core.exceptions import ValidationError
from django.db import migrations

BATCH = 1000


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from buurtteam.organisation.validators import normalise_postcode

    MapLocation = apps.get_model("socialmap", "MapLocation")
    changed = []
    for location in MapLocation.objects.exclude(postcode="").only("pk", "postcode").iterator(BATCH):
        try:
            code = normalise_postcode(location.postcode)
        except ValidationError:
            continue
        if code != location.postcode:
            location.postcode = code
            changed.append(location)
    MapLocation.objects.bulk_update(changed, ["postcode"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0007_search_vector_synonym_tokens")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
