"""Who may do what in the marketplace. Views, the API and the services all ask these, per object.

- an organisation's member representatives write its posts; platform coordinators write every post;
- who sees a post follows ``Post.objects.visible_to`` (audience, own organisation, coordinators);
- anyone who sees an open post may contact the posting organisation, except that organisation itself;
- a conversation is read by its two sides and by coordinators, and written by its two sides only.

Rules that must not be granted to superusers wholesale (writing in someone else's conversation, contacting one's
own post) are plain rules (``rules.test_rule``), not permissions: Django answers every permission with yes for a
superuser.
"""

import rules

from crosscluster.accounts.predicates import is_any_representative, is_authenticated, is_coordinator
from crosscluster.directory.rules import represents_organisation

from .models import Post, Thread


@rules.predicate
def can_see_post(user, post):
    if post is None:
        return False
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


@rules.predicate
def represents_post_organisation(user, post):
    if post is None or not user.is_authenticated:
        return False
    return post.organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def post_is_open(user, post):
    return post is not None and post.is_open


@rules.predicate
def takes_part_in_thread(user, thread):
    return thread is not None and thread.side_of(user) is not None


@rules.predicate
def can_see_thread(user, thread):
    if thread is None:
        return False
    return Thread.objects.visible_to(user).filter(pk=thread.pk).exists()


can_write_posts = is_coordinator | is_any_representative

rules.add_perm("marketplace.add_post", can_write_posts)  # may create posts at all (for some organisation)
rules.add_perm("marketplace.add_post_for", is_coordinator | represents_organisation)  # object: organisation
rules.add_perm("marketplace.view_post", can_see_post)
rules.add_perm("marketplace.change_post", is_coordinator | represents_post_organisation)
rules.add_perm("marketplace.view_thread", can_see_thread)

rules.add_rule("marketplace.contact", is_authenticated & can_see_post & post_is_open & ~represents_post_organisation)
rules.add_rule("marketplace.write_in_thread", takes_part_in_thread)
