"""Reports outlive what they are about: ``review`` and ``comment`` become SET_NULL, and each report keeps
a snapshot of the item (its kind, text, author, book) taken when it was reported.

Existing reports get their snapshot from the item as it is now (it still exists: until now deleting it
deleted its reports). Going back deletes the reports whose item is gone, as the old cascade would have.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def set_kinds(apps, schema_editor):
    Report = apps.get_model("mybookconnect_books", "Report")
    Report.objects.filter(comment__isnull=False).update(kind="comment")
    Report.objects.filter(comment__isnull=True).update(kind="review")


def drop_reports_of_deleted_items(apps, schema_editor):
    Report = apps.get_model("mybookconnect_books", "Report")
    Report.objects.filter(review__isnull=True, comment__isnull=True).delete()


def fill_snapshots(apps, schema_editor):
    from django.contrib.auth import get_user_model

    if schema_editor.connection.vendor == "postgresql":
        # Checked as written, not at the commit: the new columns' indexes are created after this, and
        # PostgreSQL alters no table with checks pending. (For this migration's transaction only.)
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Report = apps.get_model("mybookconnect_books", "Report")
    username_field = get_user_model().USERNAME_FIELD
    reports = Report.objects.select_related(
        "review__user", "review__book", "comment__user", "comment__review__book"
    ).order_by("pk")
    for report in reports.iterator(chunk_size=500):
        if report.review is not None:
            item, book = report.review, report.review.book
            report.reported_title, report.reported_text = item.title, item.body
        else:
            item, book = report.comment, report.comment.review.book
            report.reported_title, report.reported_text = "", item.body
        report.reported_user_id = item.user_id
        report.reported_user_name = str(getattr(item.user, username_field))
        report.book_id, report.book_title = book.pk, book.title
        report.save(
            update_fields=[
                "reported_title",
                "reported_text",
                "reported_user",
                "reported_user_name",
                "book",
                "book_title",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mybookconnect_books", "0005_review_visible_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="report", name="mbc_books_report_one_target"),
        migrations.AlterField(
            model_name="report",
            name="comment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reports",
                to="mybookconnect_books.comment",
                verbose_name="comment",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="review",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reports",
                to="mybookconnect_books.review",
                verbose_name="review",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="kind",
            field=models.CharField(
                choices=[("review", "review"), ("comment", "comment")],
                default="review",
                max_length=10,
                verbose_name="reported item",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="report",
            name="reported_title",
            field=models.CharField(blank=True, max_length=200, verbose_name="reported title"),
        ),
        migrations.AddField(
            model_name="report",
            name="reported_text",
            field=models.TextField(blank=True, verbose_name="reported text"),
        ),
        migrations.AddField(
            model_name="report",
            name="reported_user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author of the reported item",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="reported_user_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="author's username"),
        ),
        migrations.AddField(
            model_name="report",
            name="book",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="mybookconnect_books.book",
                verbose_name="book",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="book_title",
            field=models.CharField(blank=True, max_length=500, verbose_name="book title"),
        ),
        # The kinds (no foreign key written) before the constraint, the snapshots last.
        migrations.RunPython(set_kinds, drop_reports_of_deleted_items),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(kind="review", comment__isnull=True)
                | models.Q(kind="comment", review__isnull=True),
                name="mbc_books_report_one_kind",
            ),
        ),
        migrations.RunPython(fill_snapshots, migrations.RunPython.noop),
    ]
