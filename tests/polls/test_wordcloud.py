"""Word counting for the word cloud and the result markup: plain Python, no database, no Django."""

import subprocess
import sys

import pytest

from crosscluster.polls import render, wordcloud


def test_stopwords_of_both_languages_are_left_out():
    assert wordcloud.words("Der grüne Wasserstoff und die Drohnen") == ["grüne", "Wasserstoff", "Drohnen"]
    assert wordcloud.words("The future of hydrogen, isn't it?") == ["future", "hydrogen"]


def test_words_keep_inner_hyphens_digits_and_apostrophes():
    assert wordcloud.words("E-Mobilität, CO2-neutral; O’Brien's idea -- yes!") == [
        "E-Mobilität",
        "CO2-neutral",
        "O'Brien's",
        "idea",
    ]


def test_numbers_punctuation_and_single_letters_are_not_words():
    assert wordcloud.words("2026: 100 % — a b c!!! ???") == []


def test_each_answer_counts_a_word_once():
    freqs = wordcloud.word_frequencies(["Wasserstoff Wasserstoff Wasserstoff", "Drohnen", "wasserstoff, bitte"])
    assert freqs == [("Wasserstoff", 2), ("bitte", 1), ("Drohnen", 1)]


def test_words_are_counted_case_folded_and_shown_in_the_most_used_spelling():
    freqs = wordcloud.word_frequencies(["KI", "ki", "KI", "Straße", "STRASSE"])
    assert freqs[0] == ("KI", 3)
    # "Straße" and "STRASSE" fold to the same word; on a tie the capitalised spelling wins.
    assert ("Straße", 2) in freqs


def test_word_frequencies_are_ranked_and_limited():
    answers = [f"wort{n} " * 1 for n in range(100)] + ["häufig"] * 5
    freqs = wordcloud.word_frequencies(answers, limit=10)
    assert len(freqs) == 10
    assert freqs[0] == ("häufig", 5)
    assert [n for _w, n in freqs] == sorted((n for _w, n in freqs), reverse=True)


def test_empty_answers_give_an_empty_cloud():
    assert wordcloud.word_frequencies([]) == []
    assert wordcloud.word_frequencies(["", None, "und oder"]) == []
    assert wordcloud.size_steps([]) == []


def test_sizes_run_from_smallest_to_largest_on_a_log_scale():
    sized = wordcloud.size_steps([("a", 100), ("b", 10), ("c", 1)])
    assert [step for _w, _n, step in sized] == [8, 5, 1]
    assert [step for _w, _n, step in wordcloud.size_steps([("a", 3), ("b", 3)])] == [4, 4]


def test_cloud_puts_the_largest_word_in_the_middle():
    sized = wordcloud.size_steps([("eins", 9), ("zwei", 5), ("drei", 4), ("vier", 2), ("fünf", 1)])
    order = [w for w, _n, _s in wordcloud.cloud_order(sized)]
    assert order == ["vier", "zwei", "eins", "drei", "fünf"]


def test_bars_show_count_and_share_and_escape_labels():
    svg = render.choice_bars([("<b>Ja</b>", 3), ("Nein", 1)], voters=4, title='Results: "Ja?"')
    assert "<b>" not in svg and "&lt;b&gt;Ja&lt;/b&gt;" in svg
    assert 'data-count="3">3 · 75 %' in svg and 'data-count="1">1 · 25 %' in svg
    assert 'aria-label="Results: &quot;Ja?&quot;"' in svg
    assert "style=" not in svg


def test_bars_without_votes_show_no_share():
    svg = render.choice_bars([("Ja", 0), ("Nein", 0)], voters=0, title="t")
    assert svg.count('data-count="0">0 · –') == 2


def test_rating_columns_label_both_ends_of_the_scale():
    svg = render.rating_columns([(1, 0), (2, 3), (3, 1)], title="t", low_label="1 = schlecht", high_label="3 = <gut>")
    assert svg.count("<rect") == 3 and "1 = schlecht" in svg and "3 = &lt;gut&gt;" in svg
    assert 'data-count="3">3<' in svg


def test_word_cloud_markup_uses_size_classes_and_says_the_count():
    html = render.word_cloud([("<Wasserstoff>", 4, 8)], title="Cloud", count_text=lambda n: f"{n} answers")
    assert html == (
        '<ul class="wordcloud" aria-label="Cloud"><li class="wc-8" data-count="4">&lt;Wasserstoff&gt;'
        '<span class="visually-hidden"> (4 answers)</span></li></ul>'
    )


@pytest.mark.parametrize("module", ["wordcloud", "render", "stopwords"])
def test_result_modules_do_not_import_django(module):
    code = f"import crosscluster.polls.{module}, sys; assert 'django' not in sys.modules, 'django imported'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
