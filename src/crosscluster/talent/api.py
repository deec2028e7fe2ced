"""Talent API, version 1: job postings, the current user's applications and profile, staff exchange posts.

Reads follow the same querysets as the web pages (what a user may not see answers 404); writes go through the
talent services, which check everything and answer bad input with 400 naming the field.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from crosscluster.api.permissions import SERVICE_DECIDES, RulesPermission
from crosscluster.directory.models import Organisation

from . import esco, matching, selectors
from .models import (
    PROFILE_LANGUAGES,
    Application,
    JobPosting,
    ProfileLanguage,
    StaffPost,
    WorkerProfile,
    uses_staff_exchange,
)
from .services import applications as application_services
from .services import exchange as exchange_services
from .services import jobs as job_services
from .services import profiles as profile_services


class TalentPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _absolute(request, path):
    return request.build_absolute_uri(path) if request else path


# --- shared pieces -------------------------------------------------------------------------------------------------


class OccupationSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()


class JobSkillSerializer(serializers.Serializer):
    uri = serializers.CharField(max_length=200, help_text=gettext_lazy("ESCO skill URI"))
    label = serializers.CharField(read_only=True)
    essential = serializers.BooleanField(default=True, help_text=gettext_lazy("Required (true) or optional (false)"))


class LeveledSkillSerializer(serializers.Serializer):
    uri = serializers.CharField(max_length=200, help_text=gettext_lazy("ESCO skill URI"))
    label = serializers.CharField(read_only=True)
    level = serializers.IntegerField(min_value=1, max_value=5, default=3, help_text=gettext_lazy("1 basic … 5 expert"))


class LanguageSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=PROFILE_LANGUAGES, help_text=gettext_lazy("ISO 639-1 code"))
    level = serializers.ChoiceField(choices=ProfileLanguage.Level.choices)


class LocationFields(serializers.Serializer):
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, required=False, allow_null=True)


def _occupation(obj):
    if not obj.occupation_uri:
        return None
    return {"uri": obj.occupation_uri, "label": esco.occupation_label(obj.occupation_uri, obj.occupation_label)}


def _organisation(slug: str) -> Organisation:
    """The organisation a new posting is for, by its directory address; a 400 naming the field if there is none."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise serializers.ValidationError(
            {"organisation": [_("There is no organisation with the address “%(slug)s”.") % {"slug": slug}]}
        )
    return organisation


def _write_data(validated: dict, fields) -> dict:
    """Serializer data → service data: the occupation URI under the model's name."""
    data = {name: validated[name] for name in fields if name in validated}
    if "occupation" in validated:
        data["occupation_uri"] = validated["occupation"] or ""
    return data


def _match_json(match):
    return match.to_dict()


# --- jobs --------------------------------------------------------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
    """A job posting. ``title``/``description`` are in the request's language (falling back to the other one);
    ``organisation`` is the organisation's slug; skills are ESCO URIs with their (English) labels."""

    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    occupation = serializers.SerializerMethodField()
    skills = JobSkillSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = JobPosting
        fields = [
            "id",
            "title",
            "title_de",
            "title_en",
            "description",
            "description_de",
            "description_en",
            "organisation",
            "organisation_name",
            "occupation",
            "skills",
            "place",
            "latitude",
            "longitude",
            "remote_share",
            "working_time",
            "weekly_hours",
            "start_date",
            "contract_type",
            "salary_min",
            "salary_max",
            "salary_period",
            "status",
            "published_at",
            "updated",
            "url",
        ]

    @extend_schema_field(OccupationSerializer(allow_null=True))
    def get_occupation(self, job):
        return _occupation(job)

    def get_url(self, job) -> str:
        return _absolute(self.context.get("request"), job.get_absolute_url())


JOB_WRITE_FIELDS = (
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "place",
    "latitude",
    "longitude",
    "remote_share",
    "working_time",
    "weekly_hours",
    "start_date",
    "contract_type",
    "salary_min",
    "salary_max",
    "salary_period",
    "status",
)


class JobWriteSerializer(LocationFields):
    """Create or change a posting. On create ``organisation`` (slug) is required; ``skills`` replaces all skills."""

    organisation = serializers.SlugField(max_length=120, required=False)
    title_de = serializers.CharField(max_length=200, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_de = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    description_en = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    occupation = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=gettext_lazy("ESCO occupation URI")
    )
    skills = JobSkillSerializer(many=True, required=False, max_length=esco.MAX_SKILLS)
    remote_share = serializers.IntegerField(min_value=0, max_value=100, required=False)
    working_time = serializers.ChoiceField(choices=JobPosting.WorkingTime.choices, required=False)
    weekly_hours = serializers.IntegerField(min_value=1, max_value=60, required=False, allow_null=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    contract_type = serializers.ChoiceField(choices=JobPosting.ContractType.choices, required=False)
    salary_min = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    salary_max = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    salary_period = serializers.ChoiceField(choices=JobPosting.SalaryPeriod.choices, required=False)
    status = serializers.ChoiceField(choices=JobPosting.Status.choices, required=False)


class CandidateMatchSerializer(serializers.Serializer):
    profile = serializers.IntegerField()
    name = serializers.CharField()
    headline = serializers.CharField()
    url = serializers.URLField()
    match = serializers.DictField(help_text=gettext_lazy("Score and explanation (docs/matching.md)"))


JOB_FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("Words in title, description, skills, place")),
    OpenApiParameter("contract_type", OpenApiTypes.STR, enum=JobPosting.ContractType.values),
    OpenApiParameter("organisation", OpenApiTypes.STR, description=gettext_lazy("Organisation slug")),
    OpenApiParameter("remote", OpenApiTypes.BOOL, description=gettext_lazy("Only postings with remote work")),
]


class JobQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contract_type = serializers.ChoiceField(choices=JobPosting.ContractType.choices, required=False)
    organisation = serializers.SlugField(required=False, max_length=120)
    remote = serializers.BooleanField(required=False)


@extend_schema_view(
    list=extend_schema(parameters=JOB_FILTER_PARAMETERS),
    create=extend_schema(request=JobWriteSerializer, responses={201: JobSerializer}),
    update=extend_schema(request=JobWriteSerializer, responses={200: JobSerializer}),
    partial_update=extend_schema(request=JobWriteSerializer, responses={200: JobSerializer}),
)
class JobViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The job board (published postings); members' representatives post and change their organisations'."""

    serializer_class = JobSerializer
    pagination_class = TalentPagination
    filter_backends = []
    perms = {"create": "talent.add_jobposting", "update": "talent.change_jobposting"}

    def get_queryset(self):
        if self.action == "list":
            params = JobQuerySerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            filters = dict(params.validated_data)
            filters["remote"] = "1" if filters.get("remote") else ""
            qs, _applied = selectors.job_list(self.request.user, filters)
        else:
            qs = JobPosting.objects.visible_to(self.request.user)
        return selectors.with_job_relations(qs)

    def create(self, request, *args, **kwargs):
        incoming = JobWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        slug = data.get("organisation")
        if not slug:
            raise serializers.ValidationError({"organisation": [_("Give the organisation's slug.")]})
        organisation = _organisation(slug)
        job = job_services.create_job(
            acting_user=request.user,
            organisation=organisation,
            data=_write_data(data, (*JOB_WRITE_FIELDS, "occupation")),
            skills=[dict(s) for s in data.get("skills", [])],
        )
        return Response(self._out(job), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        job = self.get_object()
        incoming = JobWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if "organisation" in data and data["organisation"] != job.organisation.slug:
            raise serializers.ValidationError({"organisation": [_("A posting cannot move to another organisation.")]})
        skills = [dict(s) for s in data["skills"]] if "skills" in data else None
        job = job_services.update_job(
            job, acting_user=request.user, data=_write_data(data, (*JOB_WRITE_FIELDS, "occupation")), skills=skills
        )
        return Response(self._out(job))

    def _out(self, job):
        job = selectors.with_job_relations(JobPosting.objects.filter(pk=job.pk)).get()
        return JobSerializer(job, context=self.get_serializer_context()).data

    @extend_schema(responses={200: CandidateMatchSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        """Consenting skilled workers matching the posting, best first, with the explanation (employers only)."""
        job = self.get_object()
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not request.user.has_perm("talent.view_candidates", job):
            raise PermissionDenied
        pairs = matching.candidates_for_job(job, user=request.user, k=20) if job.is_published else []
        return Response(
            [
                {
                    "profile": profile.pk,
                    "name": profile.display_name,
                    "headline": profile.headline,
                    "url": _absolute(request, profile.get_absolute_url()),
                    "match": _match_json(match),
                }
                for profile, match in pairs
            ]
        )


# --- applications ------------------------------------------------------------------------------------------------


class ApplicationSerializer(serializers.ModelSerializer):
    job_title = serializers.CharField(source="job.title", read_only=True)
    organisation = serializers.CharField(source="job.organisation.name", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "job_title",
            "organisation",
            "message",
            "share_profile",
            "status",
            "created",
            "status_changed",
        ]
        read_only_fields = ["status", "created", "status_changed"]


class ApplyRequestSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    share_profile = serializers.BooleanField(default=False)


@extend_schema_view(create=extend_schema(request=ApplyRequestSerializer, responses={201: ApplicationSerializer}))
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The current user's applications: apply for a published posting, follow the status, withdraw."""

    serializer_class = ApplicationSerializer
    pagination_class = TalentPagination
    permission_classes = [IsAuthenticated, RulesPermission]
    filter_backends = []
    perms = {"create": SERVICE_DECIDES, "withdraw": SERVICE_DECIDES}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Application.objects.none()
        return (
            Application.objects.filter(applicant=self.request.user)
            .select_related("job__organisation")
            .order_by("-created", "-pk")
        )

    def create(self, request, *args, **kwargs):
        incoming = ApplyRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        job = JobPosting.objects.visible_to(request.user).filter(pk=data["job"]).first()
        if job is None:
            raise serializers.ValidationError({"job": [_("There is no job posting with this id.")]})
        application = application_services.apply(
            acting_user=request.user, job=job, message=data.get("message", ""), share_profile=data["share_profile"]
        )
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = application_services.withdraw(self.get_object(), acting_user=request.user)
        return Response(ApplicationSerializer(application).data)


# --- the current user's profile -------------------------------------------------------------------------------


PROFILE_WRITE_FIELDS = (
    "headline_de",
    "headline_en",
    "about_de",
    "about_en",
    "years_experience",
    "available_from",
    "available_to",
    "place",
    "latitude",
    "longitude",
    "commute_km",
    "relocate",
    "consent",
)


class ProfileSerializer(serializers.ModelSerializer):
    """The current user's skilled-worker profile. ``consent`` makes it visible to employers (and their matches)."""

    headline = serializers.CharField(read_only=True)
    about = serializers.CharField(read_only=True)
    occupation = serializers.SerializerMethodField()
    skills = LeveledSkillSerializer(many=True, read_only=True)
    languages = LanguageSerializer(many=True, read_only=True)

    class Meta:
        model = WorkerProfile
        fields = [
            "id",
            "headline",
            "headline_de",
            "headline_en",
            "about",
            "about_de",
            "about_en",
            "occupation",
            "skills",
            "languages",
            "years_experience",
            "available_from",
            "available_to",
            "place",
            "latitude",
            "longitude",
            "commute_km",
            "relocate",
            "consent",
            "consent_given",
            "consent_revoked",
            "updated",
        ]

    @extend_schema_field(OccupationSerializer(allow_null=True))
    def get_occupation(self, profile):
        return _occupation(profile)


class ProfileWriteSerializer(LocationFields):
    headline_de = serializers.CharField(max_length=200, required=False, allow_blank=True)
    headline_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    about_de = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    about_en = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    occupation = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=gettext_lazy("ESCO occupation URI")
    )
    skills = LeveledSkillSerializer(many=True, required=False, max_length=esco.MAX_SKILLS)
    languages = LanguageSerializer(many=True, required=False, max_length=profile_services.MAX_LANGUAGES)
    years_experience = serializers.IntegerField(min_value=0, max_value=70, required=False)
    available_from = serializers.DateField(required=False, allow_null=True)
    available_to = serializers.DateField(required=False, allow_null=True)
    commute_km = serializers.IntegerField(min_value=1, max_value=1000, required=False, allow_null=True)
    relocate = serializers.BooleanField(required=False)
    consent = serializers.BooleanField(required=False)


class JobMatchSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    url = serializers.URLField()
    match = serializers.DictField(help_text=gettext_lazy("Score and explanation (docs/matching.md)"))


def _profile_out(user):
    return ProfileSerializer(selectors.profile_of(user)).data


class ProfileView(APIView):
    """The current user's own skilled-worker profile: read, create or change (PUT/PATCH), delete for good."""

    permission_classes = [IsAuthenticated]

    def _profile(self, request):
        profile = WorkerProfile.objects.filter(user=request.user).first()
        if profile is None:
            raise Http404
        return profile

    @extend_schema(responses={200: ProfileSerializer})
    def get(self, request):
        self._profile(request)
        return Response(_profile_out(request.user))

    def _save(self, request, partial):
        exists = WorkerProfile.objects.filter(user=request.user).exists()
        incoming = ProfileWriteSerializer(data=request.data, partial=partial and exists)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        profile_services.save_profile(
            acting_user=request.user,
            data=_write_data(data, PROFILE_WRITE_FIELDS),
            skills=[dict(s) for s in data["skills"]] if "skills" in data else ([] if not partial else None),
            languages=[dict(s) for s in data["languages"]] if "languages" in data else ([] if not partial else None),
        )
        return Response(_profile_out(request.user), status=status.HTTP_200_OK if exists else status.HTTP_201_CREATED)

    @extend_schema(request=ProfileWriteSerializer, responses={200: ProfileSerializer, 201: ProfileSerializer})
    def put(self, request):
        """Create the profile or replace it (skills and languages left out are removed)."""
        return self._save(request, partial=False)

    @extend_schema(request=ProfileWriteSerializer, responses={200: ProfileSerializer, 201: ProfileSerializer})
    def patch(self, request):
        """Change some fields; ``skills``/``languages``, when given, replace the lists."""
        return self._save(request, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request):
        """Delete the profile for good."""
        profile_services.delete_profile(self._profile(request), acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileMatchesView(APIView):
    """Published job postings that fit the current user's profile, best first, with the explanation."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: JobMatchSerializer(many=True)})
    def get(self, request):
        profile = selectors.profile_of(request.user)
        if profile is None:
            raise Http404
        pairs = matching.jobs_for_profile(profile, user=request.user, k=20)
        return Response(
            [
                {
                    "job": job.pk,
                    "title": job.title,
                    "organisation": job.organisation.name,
                    "url": _absolute(request, job.get_absolute_url()),
                    "match": _match_json(match),
                }
                for job, match in pairs
            ]
        )


# --- staff exchange posts ---------------------------------------------------------------------------------------


class StaffPostSerializer(serializers.ModelSerializer):
    """An anonymised staff offer or request: skills, period, place, conditions and head count (never a person)."""

    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    conditions = serializers.CharField(read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    occupation = serializers.SerializerMethodField()
    skills = LeveledSkillSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = StaffPost
        fields = [
            "id",
            "kind",
            "title",
            "title_de",
            "title_en",
            "description",
            "description_de",
            "description_en",
            "conditions",
            "conditions_de",
            "conditions_en",
            "organisation",
            "organisation_name",
            "occupation",
            "skills",
            "head_count",
            "period_from",
            "period_to",
            "place",
            "latitude",
            "longitude",
            "radius_km",
            "status",
            "published_at",
            "updated",
            "url",
        ]

    @extend_schema_field(OccupationSerializer(allow_null=True))
    def get_occupation(self, post):
        return _occupation(post)

    def get_url(self, post) -> str:
        return _absolute(self.context.get("request"), post.get_absolute_url())


STAFF_WRITE_FIELDS = (
    "kind",
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "conditions_de",
    "conditions_en",
    "head_count",
    "period_from",
    "period_to",
    "place",
    "latitude",
    "longitude",
    "radius_km",
    "status",
)


class StaffPostWriteSerializer(LocationFields):
    organisation = serializers.SlugField(max_length=120, required=False)
    kind = serializers.ChoiceField(choices=StaffPost.Kind.choices, required=False)
    title_de = serializers.CharField(max_length=200, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_de = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    description_en = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    conditions_de = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    conditions_en = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    occupation = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=gettext_lazy("ESCO occupation URI")
    )
    skills = LeveledSkillSerializer(many=True, required=False, max_length=esco.MAX_SKILLS)
    head_count = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    period_from = serializers.DateField(required=False)
    period_to = serializers.DateField(required=False)
    radius_km = serializers.IntegerField(min_value=1, max_value=1000, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=StaffPost.Status.choices, required=False)


class StaffMatchSerializer(serializers.Serializer):
    post = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    url = serializers.URLField()
    match = serializers.DictField(help_text=gettext_lazy("Score and explanation (docs/matching.md)"))


STAFF_FILTER_PARAMETERS = [
    OpenApiParameter("kind", OpenApiTypes.STR, enum=StaffPost.Kind.values),
    OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("Words in title, description, skills, place")),
    OpenApiParameter("mine", OpenApiTypes.BOOL, description=gettext_lazy("Only my organisations' posts, also drafts")),
]


class StaffQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StaffPost.Kind.choices, required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    mine = serializers.BooleanField(required=False)


@extend_schema_view(
    list=extend_schema(parameters=STAFF_FILTER_PARAMETERS),
    create=extend_schema(request=StaffPostWriteSerializer, responses={201: StaffPostSerializer}),
    update=extend_schema(request=StaffPostWriteSerializer, responses={200: StaffPostSerializer}),
    partial_update=extend_schema(request=StaffPostWriteSerializer, responses={200: StaffPostSerializer}),
)
class StaffPostViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Staff offers and requests (staff exchange), for member representatives, cluster managers, coordinators."""

    serializer_class = StaffPostSerializer
    pagination_class = TalentPagination
    permission_classes = [IsAuthenticated, RulesPermission]
    filter_backends = []
    perms = {"create": "talent.add_staffpost", "update": "talent.change_staffpost"}

    def get_queryset(self):
        if self.action == "list":
            if not uses_staff_exchange(self.request.user):
                raise PermissionDenied
            params = StaffQuerySerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            filters = dict(params.validated_data)
            filters["mine"] = "1" if filters.get("mine") else ""
            qs, _applied = selectors.staff_post_list(self.request.user, filters)
        else:
            qs = StaffPost.objects.visible_to(self.request.user)
        return selectors.with_staff_relations(qs)

    def create(self, request, *args, **kwargs):
        incoming = StaffPostWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        errors = {}
        for name in ("organisation", "kind", "period_from", "period_to"):
            if name not in data:
                errors[name] = [_("This field is required.")]
        if errors:
            raise serializers.ValidationError(errors)
        organisation = _organisation(data["organisation"])
        post = exchange_services.create_staff_post(
            acting_user=request.user,
            organisation=organisation,
            data=_write_data(data, (*STAFF_WRITE_FIELDS, "occupation")),
            skills=[dict(s) for s in data.get("skills", [])],
        )
        return Response(self._out(post), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        post = self.get_object()
        incoming = StaffPostWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if "organisation" in data and data["organisation"] != post.organisation.slug:
            raise serializers.ValidationError({"organisation": [_("A post cannot move to another organisation.")]})
        skills = [dict(s) for s in data["skills"]] if "skills" in data else None
        post = exchange_services.update_staff_post(
            post, acting_user=request.user, data=_write_data(data, (*STAFF_WRITE_FIELDS, "occupation")), skills=skills
        )
        return Response(self._out(post))

    def _out(self, post):
        post = selectors.with_staff_relations(StaffPost.objects.filter(pk=post.pk)).get()
        return StaffPostSerializer(post, context=self.get_serializer_context()).data

    @extend_schema(responses={200: StaffMatchSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def matches(self, request, pk=None):
        """For a request the fitting offers, for an offer the requests it fits (other organisations' only)."""
        post = self.get_object()
        pairs = matching.staff_matches(post, user=request.user, k=20) if post.is_published else []
        return Response(
            [
                {
                    "post": other.pk,
                    "title": other.title,
                    "organisation": other.organisation.name,
                    "url": _absolute(request, other.get_absolute_url()),
                    "match": _match_json(match),
                }
                for other, match in pairs
            ]
        )
