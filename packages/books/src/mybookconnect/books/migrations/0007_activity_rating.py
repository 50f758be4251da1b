"""Activities keep the rating they were recorded with (``Activity.rating_quarters``), so that a
re-rating leaves the older "rated", "reviewed" and "finished" items as they were.

Filled for the existing ones with the best there is: the rating a "rated" or "reviewed" activity
recorded in its data, else (a "finished" one) the reader's current rating of the book, which the feed
showed until now. Grouped activities (many books) show no rating and get none.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Round

RATING_VERBS = ("rated", "reviewed", "finished")


def fill_ratings(apps, schema_editor):
    Activity = apps.get_model("mybookconnect_books", "Activity")
    LibraryEntry = apps.get_model("mybookconnect_books", "LibraryEntry")
    about_a_book = Activity.objects.filter(verb__in=RATING_VERBS, book__isnull=False)
    # {"rating": 4.25}: stars, as recorded.
    about_a_book.filter(verb__in=("rated", "reviewed"), data__rating__gt=0).update(
        rating_quarters=Cast(
            Round(Cast(KT("data__rating"), models.FloatField()) * 4), models.PositiveSmallIntegerField()
        )
    )
    current = LibraryEntry.objects.filter(user=OuterRef("actor"), book=OuterRef("book")).values(
        "rating_quarters"
    )[:1]
    about_a_book.filter(rating_quarters__isnull=True).update(rating_quarters=Subquery(current))


class Migration(migrations.Migration):
    dependencies = [("mybookconnect_books", "0006_report_snapshot")]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="rating_quarters",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="rating (quarter stars)"),
        ),
        migrations.RunPython(fill_ratings, migrations.RunPython.noop),
    ]
