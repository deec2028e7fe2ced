"""What both sides of a staff exchange must settle, per legal model (German law).

The texts are checklists, not legal advice: they name the questions and the rules that usually apply, so that
both organisations settle them (with their HR and legal departments, their chamber or a lawyer) before anyone
starts work. The platform only brokers contacts; it employs and lends nobody and is no party to an agreement.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import StaffAgreement

LegalModel = StaffAgreement.LegalModel

DISCLAIMER = _(
    "CrossCluster only brokers contacts between organisations. It does not employ or lend anyone, is not a party "
    "to your agreement and gives no legal advice. This checklist names the usual questions; have your agreement "
    "checked by your HR or legal department, your chamber (IHK, HWK) or a lawyer."
)

# Agency work: § 1 (1b) AÜG limits the lending of one employee to the same borrower to 18 consecutive months.
AGENCY_WORK_MAX_MONTHS = 18


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    who: str  # "lender", "borrower" or "both"


def _items(*entries):
    return [Item(key, text, who) for key, who, text in entries]


COMMON = _items(
    (
        "consent",
        "lender",
        _(
            "The employee agrees voluntarily and in writing. Nobody may be sent to another employer against their "
            "will (§ 613 sentence 2 BGB)."
        ),
    ),
    (
        "works_council",
        "both",
        _(
            "Where there is a works council, inform it and involve it as required (§ 99 BetrVG for hiring or "
            "deploying staff, § 14 (3) AÜG at the borrower)."
        ),
    ),
    (
        "safety",
        "borrower",
        _(
            "Occupational safety: the organisation where the work is done instructs the employee (risks, rules, "
            "protective equipment) before the first day and is responsible for safety at its workplace."
        ),
    ),
    (
        "liability",
        "both",
        _(
            "Liability and insurance: agree in writing who is liable for damage the employee causes or suffers, "
            "and check that business liability and accident insurance (Berufsgenossenschaft) cover the deployment."
        ),
    ),
    (
        "confidentiality",
        "both",
        _(
            "Confidentiality: agree how both organisations' business secrets are protected (a non-disclosure "
            "agreement) and what the employee may take back."
        ),
    ),
    (
        "data_protection",
        "both",
        _(
            "Data protection: exchange the employee's personal data directly between the organisations and only "
            "as far as needed (GDPR); the platform holds only the anonymised post."
        ),
    ),
    (
        "costs",
        "both",
        _("Costs: agree who pays what (salary, travel, equipment, training) and how it is invoiced."),
    ),
    (
        "end",
        "both",
        _(
            "End and early termination: agree the last day, notice for ending early, and what happens if the "
            "employee falls ill or the need ends."
        ),
    ),
)

CHECKLISTS = {
    LegalModel.SIDE_JOB: _items(
        (
            "side_job_consent",
            "lender",
            _(
                "The main employer allows the side job in writing. Many contracts require notice or consent; an "
                "employer may refuse when its legitimate interests are affected (competition, working time limits)."
            ),
        ),
        (
            "side_job_working_time",
            "both",
            _(
                "Working time law: hours at both employers are added up (§ 2 (1) ArbZG). Together they may not "
                "exceed 8 hours per working day, or 10 hours if the average over six months stays at 8 (§ 3 ArbZG); "
                "at least 11 hours' rest between working days (§ 5 ArbZG); no work on Sundays and public holidays "
                "unless an exception applies. Both employers record the hours."
            ),
        ),
        (
            "side_job_contract",
            "borrower",
            _(
                "The partner concludes its own employment contract with the employee for the side job (hours, pay, "
                "duration; a fixed term must be agreed in writing before work starts, § 14 (4) TzBfG)."
            ),
        ),
        (
            "side_job_social_insurance",
            "borrower",
            _(
                "Social insurance and tax: the partner registers the employee as its employee. Whether the side job "
                "is a mini job or subject to contributions depends on the earnings and on other jobs; wages are "
                "taxed under tax class VI or, for a mini job, at a flat rate."
            ),
        ),
        (
            "side_job_short_time_work",
            "lender",
            _(
                "Short-time work: if the employee receives short-time allowance (Kurzarbeitergeld), income from a "
                "side job taken up during short-time work may reduce it (§ 106 SGB III); check with the employment "
                "agency before starting."
            ),
        ),
        (
            "side_job_holidays",
            "both",
            _(
                "Holidays and competition: the side job must not take up the employee's holidays (§ 8 BUrlG) and "
                "must not compete with the main employer."
            ),
        ),
    ),
    LegalModel.PAUSED_CONTRACT: _items(
        (
            "paused_agreement",
            "lender",
            _(
                "The main employer and the employee agree in writing that the employment contract is suspended "
                "(ruhendes Arbeitsverhältnis) for the period: start, end, and what happens to pay, holiday "
                "entitlement, length of service and company pension meanwhile."
            ),
        ),
        (
            "return_guarantee",
            "lender",
            _(
                "Return guarantee: the agreement states the date of return and guarantees the same or an equivalent "
                "position with at least the same pay."
            ),
        ),
        (
            "fixed_term_contract",
            "borrower",
            _(
                "The partner concludes a fixed-term employment contract with the employee. The fixed term needs "
                "written form, signed before work starts (§ 14 (4) TzBfG); without an objective reason it is "
                "allowed only up to two years and only if the employee never worked for the partner before (§ 14 "
                "(2) TzBfG)."
            ),
        ),
        (
            "paused_social_insurance",
            "borrower",
            _(
                "Social insurance: for the period the partner is the employer; it registers the employee and pays "
                "the contributions. The main employer deregisters or reports the suspension."
            ),
        ),
        (
            "early_termination",
            "both",
            _(
                "A fixed-term contract can be ended early by notice only if the contract or a collective agreement "
                "allows it (TzBfG); agree how both contracts end if the deployment stops early."
            ),
        ),
    ),
    LegalModel.AGENCY_WORK: _items(
        (
            "agency_permit",
            "lender",
            _(
                "Permit: lending employees to another employer as part of one's business needs a permit from the "
                "Federal Employment Agency (§ 1 (1) AÜG). Without a permit the lending contract is void and the "
                "employee becomes an employee of the borrower (§§ 9, 10 AÜG). No permit is needed for occasional "
                "lending between employers when the employee was not hired for the purpose of lending (§ 1 (3) no. "
                "2a AÜG) — check carefully whether that exception applies."
            ),
        ),
        (
            "agency_contract",
            "both",
            _(
                "Written lending contract between lender and borrower (§ 12 AÜG), expressly called "
                "“Arbeitnehmerüberlassung”, naming each employee before the lending starts (§ 1 (1) sentences 5 "
                "and 6 AÜG)."
            ),
        ),
        (
            "agency_max_duration",
            "both",
            _(
                "Maximum duration: the same employee may work for the same borrower for at most 18 consecutive "
                "months (§ 1 (1b) AÜG), unless a collective agreement of the borrower's sector allows more."
            ),
        ),
        (
            "equal_treatment",
            "both",
            _(
                "Equal pay and equal treatment: the employee is entitled to the essential working conditions and pay "
                "of comparable employees of the borrower (§ 8 AÜG); a collective agreement may deviate from equal "
                "pay, as a rule, for the first nine months only."
            ),
        ),
        (
            "agency_employer",
            "lender",
            _(
                "The lender stays the employer: it pays wages and social insurance contributions; the borrower is "
                "liable for the contributions as guarantor (§ 28e (2) SGB IV)."
            ),
        ),
        (
            "agency_strike",
            "borrower",
            _(
                "The borrower may not deploy the employee where its business is directly affected by a strike "
                "(§ 11 (5) AÜG)."
            ),
        ),
        (
            "agency_hiring",
            "both",
            _(
                "A clause that forbids the borrower to hire the employee after the lending ends is void (§ 9 AÜG); "
                "a reasonable placement fee may be agreed instead."
            ),
        ),
    ),
}


def checklist(legal_model: str) -> list[Item]:
    """The items to settle for an agreement under ``legal_model``: those of the model, then the common ones."""
    return [*CHECKLISTS.get(legal_model, []), *COMMON]


def all_keys() -> set[str]:
    return {item.key for items in CHECKLISTS.values() for item in items} | {item.key for item in COMMON}


def warnings(agreement) -> list[str]:
    """Things about this agreement's terms that need a second look (shown above the checklist)."""
    found = []
    if agreement.legal_model == LegalModel.AGENCY_WORK and agreement.months > AGENCY_WORK_MAX_MONTHS:
        found.append(
            _(
                "The period is longer than 18 months: under the AÜG the same employee may work for the same "
                "borrower for at most 18 consecutive months unless a collective agreement allows more."
            )
        )
    return found
