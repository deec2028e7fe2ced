"""Talent: job postings and applications, skilled-worker profiles, and the staff exchange between organisations."""

from .common import MAX_LEVEL, MIN_LEVEL, SkillLevel
from .exchange import StaffAgreement, StaffPost, StaffPostSkill, uses_staff_exchange
from .jobs import Application, JobPosting, JobSkill
from .notifications import MatchNotification
from .profiles import PROFILE_LANGUAGES, ProfileLanguage, ProfileSkill, WorkerProfile, is_employer

__all__ = [
    "MAX_LEVEL",
    "MIN_LEVEL",
    "PROFILE_LANGUAGES",
    "Application",
    "JobPosting",
    "JobSkill",
    "MatchNotification",
    "ProfileLanguage",
    "ProfileSkill",
    "SkillLevel",
    "StaffAgreement",
    "StaffPost",
    "StaffPostSkill",
    "WorkerProfile",
    "is_employer",
    "uses_staff_exchange",
]
