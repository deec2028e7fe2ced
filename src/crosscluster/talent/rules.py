"""Who may do what in the talent area. Views, the API and the services all ask these, per object.

- job postings: written by their organisation's representatives (coordinators: any); published ones are public;
- applications: the applicant and whoever manages the posting; only the latter move the pipeline;
- profiles: the owner; employers (representatives, coordinators) only while the owner consents;
- staff exchange: representatives, cluster managers and coordinators see published posts; representatives post
  for their organisations and make agreements; a cluster manager reads the agreements of the cluster's members.
"""

import rules

from crosscluster.accounts.predicates import is_authenticated, is_coordinator

from . import roles
from .models import StaffAgreement, StaffPost, is_employer, uses_staff_exchange


@rules.predicate
def is_any_representative(user):
    return roles.represents_any(user)


@rules.predicate
def is_any_cluster_manager(user):
    return roles.manages_any(user)


@rules.predicate
def represents_job_organisation(user, job):
    if job is None or not user.is_authenticated:
        return False
    return job.organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def is_applicant(user, application):
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def manages_application_job(user, application):
    return application is not None and (is_coordinator(user) or represents_job_organisation(user, application.job))


@rules.predicate
def owns_profile(user, profile):
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


@rules.predicate
def employer_may_see_profile(user, profile):
    return profile is not None and profile.consent and is_employer(user)


@rules.predicate
def can_use_staff_exchange(user):
    return uses_staff_exchange(user)


@rules.predicate
def represents_post_organisation(user, post):
    if post is None or not user.is_authenticated:
        return False
    return post.organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def can_see_staff_post(user, post):
    return post is not None and StaffPost.objects.visible_to(user).filter(pk=post.pk).exists()


@rules.predicate
def is_agreement_party(user, agreement):
    if agreement is None or not user.is_authenticated:
        return False
    return StaffAgreement.objects.party_of(user).filter(pk=agreement.pk).exists()


@rules.predicate
def can_see_agreement(user, agreement):
    return agreement is not None and StaffAgreement.objects.visible_to(user).filter(pk=agreement.pk).exists()


can_manage_job = is_coordinator | represents_job_organisation

rules.add_perm("talent.add_jobposting", is_coordinator | is_any_representative)
rules.add_perm("talent.change_jobposting", can_manage_job)
rules.add_perm("talent.view_applications", can_manage_job)
rules.add_perm("talent.view_candidates", can_manage_job)
rules.add_perm("talent.apply", is_authenticated)

rules.add_perm("talent.view_application", is_applicant | manages_application_job)
rules.add_perm("talent.change_application", manages_application_job)
rules.add_perm("talent.withdraw_application", is_applicant)

rules.add_perm("talent.add_workerprofile", is_authenticated)
rules.add_perm("talent.change_workerprofile", owns_profile)
rules.add_perm("talent.view_workerprofile", owns_profile | employer_may_see_profile)

rules.add_perm("talent.use_staff_exchange", can_use_staff_exchange)
rules.add_perm("talent.add_staffpost", is_coordinator | is_any_representative)
rules.add_perm("talent.view_staffpost", can_see_staff_post)
rules.add_perm("talent.change_staffpost", is_coordinator | represents_post_organisation)
# Proposing an agreement on someone else's post: a representative of another organisation (the service checks).
rules.add_perm("talent.propose_agreement", is_any_representative & can_see_staff_post & ~represents_post_organisation)

rules.add_perm("talent.view_agreement", can_see_agreement)
rules.add_perm("talent.act_on_agreement", is_agreement_party)
rules.add_perm("talent.view_exchange_dashboard", is_coordinator | is_any_cluster_manager)
