"""Throwaway views that exercise core's error handling, pagination and visibility in tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from mybookconnect.core.pagination import CursorPagination
from mybookconnect.core.visibility import get_visibility_policy

from .testapp.models import Note

SECRET = "secret-internal-detail-42"


# Test-only views stay out of the schema, which the schema tests validate as the site would.
@extend_schema(exclude=True)
class TestOnlyView(APIView):
    pass


class NameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class EchoView(TestOnlyView):
    def post(self, request):
        serializer = NameSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class NonFieldErrorView(TestOnlyView):
    def post(self, request):
        raise ValidationError("The input as a whole is wrong.")


class DjangoValidationErrorView(TestOnlyView):
    def post(self, request):
        raise DjangoValidationError({"name": ["Taken."]})


class PrivateView(TestOnlyView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})


class DjangoPermissionDeniedView(TestOnlyView):
    def get(self, request):
        raise PermissionDenied


class DjangoNotFoundView(TestOnlyView):
    def get(self, request):
        raise Http404("No note matches the given query.")


class SuspiciousView(TestOnlyView):
    def get(self, request):
        raise SuspiciousOperation(SECRET)


class BoomView(TestOnlyView):
    def get(self, request):
        raise RuntimeError(SECRET)


def plain_boom(request):
    raise RuntimeError(SECRET)


def plain_not_found(request):
    raise Http404(SECRET)


def plain_page(request):
    return HttpResponse("<p>plain</p>")


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "text", "audience", "created_at"]


@extend_schema(exclude=True)
class NoteListView(generics.ListAPIView):
    serializer_class = NoteSerializer

    def get_queryset(self):
        return get_visibility_policy().filter_queryset(Note.objects.all(), self.request.user)


class NoteFeedView(NoteListView):
    pagination_class = CursorPagination


class ThrottledView(TestOnlyView):
    """Answers 429 with the wait given as ``?wait=`` (none when absent)."""

    def get(self, request):
        wait = request.query_params.get("wait")
        raise Throttled(wait=float(wait) if wait is not None else None)
