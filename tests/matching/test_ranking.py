"""Ranking behaviour users rely on, on real ESCO skills."""

import json
import math
from datetime import date

import pytest

from crosscluster.matching import (
    Document,
    Index,
    SkillRef,
    candidates_for_job,
    jobs_for_candidate,
    offers_for_request,
    requests_for_offer,
    staff_for_demand,
)

from .conftest import BERLIN, HAMBURG, build, doc, ids

SKILLS_ONLY = {"skills": 1.0}


def job(skills, **fields):
    fields.setdefault("kind", "job")
    return doc(None, skills=skills, **fields)


def test_candidate_with_essential_skills_ranks_above_one_without(welder_skills, unrelated_skills):
    index = build(
        doc("without", skills=unrelated_skills[:4], title="Schweißer"),
        doc("with", skills=welder_skills[:4], title="Schweißer"),
    )
    matches = candidates_for_job(index, job(welder_skills[:4], title="Schweißer"))
    assert ids(matches) == ["with", "without"]
    assert matches[0].explanation.components["skills"].score == 1.0
    assert matches[1].explanation.components["skills"].score == 0.0


def test_essential_skills_weigh_more_than_optional(welder_skills, tx, welder):
    optional = [tx.skills[i].uri for i in welder.optional[:2]]
    requirement = [SkillRef(s) for s in welder_skills[:2]] + [SkillRef(s, essential=False) for s in optional]
    docs = [doc("optional-only", skills=optional), doc("essential-only", skills=welder_skills[:2])]
    index = Index.build(docs, skill_specificity=False)  # every skill weighs the same: 1 essential, 0.5 optional
    matches = index.search(job(requirement), weights=SKILLS_ONLY)
    assert ids(matches) == ["essential-only", "optional-only"]
    assert matches[0].explanation.components["skills"].score == pytest.approx(2 / 3, abs=0.01)


def test_specific_skills_count_more_than_common_ones(tx):
    by_specificity = sorted(range(len(tx.skills)), key=lambda i: tx.specificity[i])
    common = by_specificity[0]  # listed by the most ESCO occupations
    rare = next(i for i in reversed(by_specificity) if common not in {o for o, _, _ in tx.related.get(i, ())})
    common_uri, rare_uri = tx.skills[common].uri, tx.skills[rare].uri
    index = build(doc("common", skills=[common_uri]), doc("rare", skills=[rare_uri]))
    matches = index.search(job([common_uri, rare_uri]), weights=SKILLS_ONLY)
    assert ids(matches) == ["rare", "common"]
    assert tx.specificity[rare] > 3 * tx.specificity[common]
    plain = Index.build([doc("common", skills=[common_uri]), doc("rare", skills=[rare_uri])], skill_specificity=False)
    scores = [
        m.explanation.components["skills"].score for m in plain.search(job([common_uri, rare_uri]), weights=SKILLS_ONLY)
    ]
    assert scores == [0.5, 0.5]


def test_related_skill_gives_partial_credit(tx, welder_skills, unrelated_skills):
    skill = next(s for s in welder_skills if tx.related_skills(s))
    related = tx.related_skills(skill)[0]
    index = build(
        doc("exact", skills=[skill]),
        doc("related", skills=[related.skill.uri]),
        doc("unrelated", skills=unrelated_skills[:1]),
    )
    matches = index.search(job([skill]), weights=SKILLS_ONLY)
    assert ids(matches) == ["exact", "related", "unrelated"]
    assert matches[1].explanation.components["skills"].score == pytest.approx(related.weight, abs=1e-6)
    assert 0 < related.weight < 1
    shared = matches[1].explanation.shared_skills
    assert [(s.match, s.uri, s.for_uri) for s in shared] == [("related", related.skill.uri, skill)]
    assert shared[0].label == related.skill.label_en and shared[0].for_label == tx.skill(skill).label_en
    assert [m.uri for m in matches[1].explanation.missing_essential_skills] == [skill]


def test_lower_level_than_required_scores_less(welder_skills):
    index = build(
        doc("beginner", skills=[SkillRef(welder_skills[0], level=1)]),
        doc("expert", skills=[SkillRef(welder_skills[0], level=5)]),
    )
    matches = index.search(job([SkillRef(welder_skills[0], level=4)]), weights=SKILLS_ONLY)
    assert ids(matches) == ["expert", "beginner"]
    assert matches[1].explanation.components["skills"].score == pytest.approx(0.25)


def test_nearer_ranks_above_farther_when_otherwise_equal(welder_skills):
    near, far = (53.60, 10.00), (53.75, 10.00)  # about 5.5 and 22 km from the query, both within 30 km
    index = build(
        *(doc(name, skills=welder_skills[:3], at=at, radius_km=30) for name, at in [("far", far), ("near", near)])
    )
    matches = index.search(job(welder_skills[:3], at=HAMBURG))
    assert ids(matches) == ["near", "far"]
    assert matches[0].explanation.within_radius and matches[1].explanation.within_radius


def test_outside_the_radius_is_penalised(welder_skills):
    index = build(
        doc("berlin-30km", skills=welder_skills[:3], at=BERLIN, radius_km=30),
        doc("berlin-300km", skills=welder_skills[:3], at=BERLIN, radius_km=300),
        doc("hamburg", skills=welder_skills[:3], at=HAMBURG, radius_km=30),
    )
    matches = {m.id: m for m in index.search(job(welder_skills[:3], at=HAMBURG))}
    assert matches["berlin-30km"].explanation.within_radius is False
    far = matches["berlin-30km"].explanation
    assert far.components["distance"].score == pytest.approx(math.exp(-(far.distance_km - 30) / 50))  # 50 km decay
    assert far.components["distance"].score < 0.02
    assert matches["berlin-300km"].explanation.within_radius is True
    assert matches["berlin-300km"].explanation.components["distance"].score == 1.0
    assert matches["hamburg"].score == matches["berlin-300km"].score > matches["berlin-30km"].score


def test_remote_and_relocation_make_distance_irrelevant(welder_skills):
    index = build(
        doc("stays", skills=welder_skills[:3], at=BERLIN, radius_km=10),
        doc("moves", skills=welder_skills[:3], at=BERLIN, radius_km=10, relocate=True),
    )
    matches = index.search(job(welder_skills[:3], at=HAMBURG))
    assert ids(matches) == ["moves", "stays"]
    assert matches[0].explanation.relocate is True
    remote = index.search(job(welder_skills[:3], at=HAMBURG, remote=1.0))
    assert {m.explanation.components["distance"].score for m in remote} == {1.0}


def test_explanation_distance_km_is_right(welder_skills):
    index = build(doc("berlin", skills=welder_skills[:1], at=BERLIN))
    [match] = index.search(job(welder_skills[:1], at=HAMBURG))
    assert match.explanation.distance_km == pytest.approx(255.5, abs=2)  # Hamburg city hall – Berlin centre


def test_no_overlap_in_time_is_penalised(welder_skills):
    index = build(
        doc("later", skills=welder_skills[:2], available_from=date(2025, 6, 1)),
        doc("half", skills=welder_skills[:2], available_from="2025-02-01", available_to="2025-12-31"),
        doc("always", skills=welder_skills[:2]),
    )
    query = job(welder_skills[:2], available_from=date(2025, 1, 1), available_to=date(2025, 3, 2))
    matches = index.search(query)
    assert ids(matches) == ["always", "half", "later"]
    by_id = {m.id: m.explanation for m in matches}
    assert by_id["later"].overlap_fraction == 0 and by_id["later"].overlap_from is None
    assert by_id["half"].overlap_fraction == pytest.approx(30 / 61)
    assert (by_id["half"].overlap_from, by_id["half"].overlap_to) == (date(2025, 2, 1), date(2025, 3, 2))


def test_german_query_finds_german_inflections_and_english_stems():
    index = build(
        doc("de", title={"de": "Logistikerin"}, text={"de": "Disposition im Hafen"}),
        doc("en", title={"en": "Coordinator"}, text={"en": "logistics and shipping"}),
        doc("other", title={"de": "Bäckerin"}, text={"de": "Brot und Kuchen"}),
    )
    matches = index.search(doc(None, title={"de": "Logistik"}), weights={"text": 1})
    assert set(ids(matches)[:2]) == {"de", "en"}
    assert matches[2].explanation.components["text"].score == 0
    assert matches[0].explanation.text_terms == ["Logistik"]


def test_umlauts_and_sharp_s_are_folded():
    index = build(doc("a", title={"de": "Schweisser"}), doc("b", title={"de": "Bäcker"}))
    assert ids(index.search(doc(None, title="Schweißer"), weights={"text": 1}))[0] == "a"
    assert ids(index.search(doc(None, title="Baecker"), weights={"text": 1}))[0] == "b"


def test_german_compounds_match_their_parts():
    index = build(
        doc("compound", title={"de": "Metallschweißer"}),
        doc("other", title={"de": "Metallbauer"}),
    )
    matches = index.search(doc(None, title={"de": "Schweißer"}), weights={"text": 1})
    assert ids(matches)[0] == "compound"
    assert matches[0].explanation.text_terms == ["Schweißer"]
    assert matches[1].explanation.components["text"].score == 0


def test_weights_change_the_ranking(welder_skills, unrelated_skills):
    index = build(
        doc("words", title={"de": "Schweißer für Stahlbau"}, skills=unrelated_skills[:3]),
        doc("skills", title={"de": "Handwerker"}, skills=welder_skills[:3]),
    )
    query = job(welder_skills[:3], title={"de": "Schweißer Stahlbau"})
    assert ids(index.search(query, weights={"text": 1.0})) == ["words", "skills"]
    assert ids(index.search(query, weights={"skills": 1.0})) == ["skills", "words"]
    assert ids(index.search(query, weights={"text": 0.9, "skills": 0.1}))[0] == "words"


def test_explanation_lists_shared_and_missing_skills_with_labels(tx, welder_skills):
    index = build(doc("c", skills=welder_skills[:3]))
    [match] = index.search(job(welder_skills[:5]))
    shared = {s.uri: s for s in match.explanation.shared_skills if s.match == "exact"}
    assert set(shared) == set(welder_skills[:3])
    assert all(shared[u].label == tx.skill(u).label_en for u in shared)
    for related in (s for s in match.explanation.shared_skills if s.match == "related"):
        assert related.uri in welder_skills[:3] and related.for_uri in welder_skills[3:5] and 0 < related.credit < 1
    assert [m.uri for m in match.explanation.missing_essential_skills] == welder_skills[3:5]
    assert [m.label for m in match.explanation.missing_essential_skills] == [
        tx.skill(u).label_en for u in welder_skills[3:5]
    ]
    contributions = sum(c.contribution for c in match.explanation.components.values())
    assert contributions == pytest.approx(match.score)


def test_match_serialises_to_json(welder_skills):
    index = build(doc("c", skills=welder_skills[:2], title="Schweißer", available_from="2025-01-01"))
    query = job(welder_skills[:3], title="Schweißer", available_from="2025-02-01", at=BERLIN)
    data = json.loads(json.dumps(index.search(query)[0].to_dict()))
    assert data["id"] == "c" and data["kind"] == "candidate"
    assert data["overlap_from"] == "2025-02-01"
    assert set(data["components"]) == {"text", "skills", "distance", "time"}
    assert data["shared_skills"][0]["uri"] in welder_skills
    assert data["distance_km"] == pytest.approx(255.5, abs=2)
    assert data["text_terms"] == ["Schweißer"]  # words typed, not the words of the skill labels that also match


def test_occupation_without_skills_implies_its_esco_skills(welder, welder_skills):
    index = build(doc("by-occupation", occupation=welder.uri), doc("nothing", title="Schweißer"))
    [first, _] = index.search(job(welder_skills[:4]), weights=SKILLS_ONLY)
    assert first.id == "by-occupation"
    assert first.explanation.skills_implied_by_occupation is True
    assert first.explanation.components["skills"].score == 1.0


def test_occupation_component_prefers_same_then_similar_occupation(tx, welder):
    sibling = next(o for o in tx.occupations if o.isco == welder.isco and o is not welder)
    faraway = next(o for o in tx.occupations if o.isco[:2] != welder.isco[:2])
    index = build(
        doc("far", occupation=faraway.uri), doc("sibling", occupation=sibling.uri), doc("same", occupation=welder.uri)
    )
    matches = index.search(job([], occupation=welder.uri), weights={"occupation": 1})
    assert ids(matches) == ["same", "sibling", "far"]
    assert [m.explanation.occupation_relation for m in matches] == ["same", "isco_unit_group", None]


def test_candidate_to_jobs_prefers_jobs_whose_requirements_the_candidate_covers(welder_skills):
    index = build(
        doc("needs-much", kind="job", skills=welder_skills[:12]),
        doc("needs-what-i-have", kind="job", skills=welder_skills[:3]),
        doc("a-candidate", kind="candidate", skills=welder_skills[:3]),
    )
    candidate = doc("me", kind="candidate", skills=welder_skills[:3])
    matches = jobs_for_candidate(index, candidate)
    assert ids(matches) == ["needs-what-i-have", "needs-much"]
    assert 0 < matches[1].explanation.components["skills"].score < 0.5
    assert matches[0].explanation.components["skills"].score == 1.0
    assert len([s for s in matches[1].explanation.shared_skills if s.match == "exact"]) == 3
    assert len(matches[1].explanation.missing_essential_skills) == 9


def test_directions_search_only_the_matching_kind_and_category(welder_skills):
    index = Index.build(
        [
            Document(id="offer-space", kind="offer", category="space", title={"de": "Lagerhalle frei"}),
            Document(id="offer-equipment", kind="offer", category="equipment", title={"de": "Gabelstapler frei"}),
            Document(id="request", kind="request", category="space", title={"de": "Suchen Lagerhalle"}),
            Document(id="staff", kind="staff_supply", skills=welder_skills[:2], title="Schweißer"),
            Document(id="cand", kind="candidate", skills=welder_skills[:2], title="Schweißer"),
        ]
    )
    request = Document(kind="request", category="space", title={"de": "Lagerhalle gesucht"})
    assert ids(offers_for_request(index, request)) == ["offer-space"]
    assert ids(offers_for_request(index, request, filters={"category": ["space", "equipment"]})) == [
        "offer-space",
        "offer-equipment",
    ]
    demand = Document(kind="staff_demand", skills=welder_skills[:2])
    assert ids(staff_for_demand(index, demand)) == ["staff"]


def test_candidate_to_jobs_counts_levels_the_job_requires(welder_skills):
    index = build(
        doc("needs-expert", kind="job", skills=[SkillRef(welder_skills[0], level=5)]),
        doc("needs-basic", kind="job", skills=[SkillRef(welder_skills[0], level=1)]),
    )
    candidate = doc(None, kind="candidate", skills=[SkillRef(welder_skills[0], level=2)])
    matches = jobs_for_candidate(index, candidate, weights={"skills": 1})
    assert ids(matches) == ["needs-basic", "needs-expert"]
    assert [m.explanation.components["skills"].score for m in matches] == [1.0, pytest.approx(2 / 5)]
    assert matches[1].explanation.shared_skills[0].credit == pytest.approx(2 / 5)


def test_offer_finds_requests_that_ask_for_what_it_offers(welder_skills, unrelated_skills):
    index = Index.build(
        [
            Document(id="wants-welding", kind="request", category="expertise", skills=welder_skills[:2]),
            Document(id="wants-care", kind="request", category="expertise", skills=unrelated_skills[:2]),
            Document(id="other-offer", kind="offer", category="expertise", skills=welder_skills[:2]),
        ]
    )
    offer = Document(kind="offer", category="expertise", skills=welder_skills[:4], title={"de": "Schweißarbeiten"})
    assert ids(requests_for_offer(index, offer)) == ["wants-welding", "wants-care"]
