"""Read representations (nested where a client needs context) and write serializers that take codes and slugs."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crosscluster.directory.models import Cluster, IndustryCode, Membership, Organisation, Person, Topic


def topic_slugs(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        many=True,
        required=False,
        error_messages={"does_not_exist": _("Unknown topic “{value}”."), "invalid": _("Enter a topic slug.")},
        **kwargs,
    )


def organisation_slug(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        error_messages={
            "does_not_exist": _("Unknown organisation “{value}”."),
            "invalid": _("Enter an organisation slug."),
        },
        **kwargs,
    )


class IndustryCodeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = IndustryCode
        fields = ["code", "level", "section", "title", "title_de", "title_en", "parent"]


class IndustryCodeBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustryCode
        fields = ["code", "title"]


class TopicSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Topic
        fields = [
            "slug",
            "name",
            "name_de",
            "name_en",
            "description",
            "description_de",
            "description_en",
            "parent",
            "is_cross_cluster",
        ]


class ClusterSerializer(serializers.ModelSerializer):
    """A cluster or network. ``description`` is in the request's language; write ``description_de``/``_en``."""

    description = serializers.CharField(read_only=True)
    topics = topic_slugs()
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "description",
            "description_de",
            "description_en",
            "website",
            "email",
            "city",
            "founded",
            "topics",
            "member_count",
        ]
        extra_kwargs = {"slug": {"required": False}, "founded": {"min_value": 800, "max_value": 2100}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and "slug" in self.fields:
            self.fields["slug"].read_only = True  # the slug is part of every link to the cluster

    def get_member_count(self, cluster) -> int:
        count = getattr(cluster, "member_count", None)
        if count is None:
            count = cluster.memberships.filter(status=Membership.Status.ACTIVE).count()
        return count


class MembershipBriefSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "cluster", "cluster_name", "role", "since"]


class OrganisationSerializer(serializers.ModelSerializer):
    """The read representation: industries with titles, topic slugs, active memberships."""

    description = serializers.CharField(read_only=True)
    industries = IndustryCodeBriefSerializer(many=True, read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "legal_form",
            "industries",
            "size_class",
            "employees",
            "founded",
            "street",
            "postcode",
            "city",
            "district",
            "latitude",
            "longitude",
            "website",
            "email",
            "description",
            "description_de",
            "description_en",
            "topics",
            "memberships",
            "created",
            "updated",
        ]
        read_only_fields = fields

    @extend_schema_field(MembershipBriefSerializer(many=True))
    def get_memberships(self, organisation):
        memberships = getattr(organisation, "active_memberships", None)
        if memberships is None:
            memberships = organisation.memberships.active().select_related("cluster")
        return MembershipBriefSerializer(memberships, many=True, context=self.context).data


class OrganisationWriteSerializer(serializers.ModelSerializer):
    """Industries as WZ 2008 codes (``["62.01", "30.30"]``), topics as slugs."""

    industries = serializers.SlugRelatedField(
        slug_field="code",
        queryset=IndustryCode.objects.all(),
        many=True,
        required=False,
        error_messages={
            "does_not_exist": _("Unknown WZ 2008 code “{value}”."),
            "invalid": _("Enter a WZ 2008 code such as “62.01”."),
        },
    )
    topics = topic_slugs()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "legal_form",
            "industries",
            "employees",
            "founded",
            "street",
            "postcode",
            "city",
            "district",
            "latitude",
            "longitude",
            "website",
            "email",
            "description_de",
            "description_en",
            "topics",
        ]
        extra_kwargs = {
            "slug": {"required": False},
            "employees": {"max_value": 10_000_000},
            "founded": {"min_value": 800, "max_value": 2100},
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and "slug" in self.fields:
            self.fields["slug"].read_only = True


class MembershipSerializer(serializers.ModelSerializer):
    """A membership; ``message`` (the request or invitation text) is shown only while it is not active."""

    organisation = organisation_slug()
    cluster = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Cluster.objects.all(),
        error_messages={"does_not_exist": _("Unknown cluster “{value}”."), "invalid": _("Enter a cluster slug.")},
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "cluster",
            "cluster_name",
            "role",
            "status",
            "since",
            "until",
            "message",
        ]
        read_only_fields = ["status", "since", "until"]
        extra_kwargs = {"message": {"max_length": 2000}}
        validators = []  # the services say which membership already exists

    def to_representation(self, membership):
        data = super().to_representation(membership)
        if membership.status == Membership.Status.ACTIVE:
            data["message"] = ""
        return data


class MembershipEndSerializer(serializers.Serializer):
    until = serializers.DateField(required=False, help_text=_("Last day of the membership; today if left out."))


class PersonSerializer(serializers.ModelSerializer):
    """A person; people who did not consent to being listed are visible only to those who may edit them."""

    organisation = organisation_slug(required=False, allow_null=True)
    topics = topic_slugs()

    class Meta:
        model = Person
        fields = [
            "id",
            "title",
            "first_name",
            "last_name",
            "position",
            "organisation",
            "email",
            "phone",
            "topics",
            "listing_consent",
            "consent_given",
        ]
        read_only_fields = ["consent_given"]


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
