"""Write synthetic ~600-word readouts for the benchmark: templates, real public names, a fixed seed.

The reports are meant to cost the extractor what real ones do (datelines, titles, mechanisms with
session numbers, figures, planned visits), not to be true: the names and places are real, the
events they are put into are made up.

    python benchmarks/generate.py OUT_DIR [--count 2000] [--seed 20241210]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Side:
    country: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    officials: tuple[tuple[str, str], ...]  # (title, name)


SIDES = (
    Side(
        "China",
        "Chinese",
        "Beijing",
        ("Shanghai", "Nanning", "Kunming", "Hangzhou", "Guangzhou"),
        (
            ("President", "Xi Jinping"),
            ("Premier", "Li Qiang"),
            ("Foreign Minister", "Wang Yi"),
            ("Vice Premier", "Ding Xuexiang"),
            ("Vice Premier", "He Lifeng"),
        ),
    ),
    Side(
        "Vietnam",
        "Vietnamese",
        "Hanoi",
        ("Ho Chi Minh City", "Da Nang", "Hai Phong", "Lang Son", "Quang Ninh"),
        (
            ("Party General Secretary", "To Lam"),
            ("State President", "Luong Cuong"),
            ("Prime Minister", "Pham Minh Chinh"),
            ("Deputy Prime Minister and Foreign Minister", "Bui Thanh Son"),
            ("Deputy Prime Minister", "Le Thanh Long"),
        ),
    ),
    Side(
        "Laos",
        "Lao",
        "Vientiane",
        ("Luang Prabang", "Pakse", "Savannakhet"),
        (("President", "Thongloun Sisoulith"), ("Prime Minister", "Sonexay Siphandone")),
    ),
    Side(
        "Cambodia",
        "Cambodian",
        "Phnom Penh",
        ("Siem Reap", "Sihanoukville"),
        (("Prime Minister", "Hun Manet"), ("Foreign Minister", "Sok Chenda Sophea")),
    ),
    Side(
        "Japan",
        "Japanese",
        "Tokyo",
        ("Osaka", "Hiroshima", "Fukuoka"),
        (("Prime Minister", "Shigeru Ishiba"), ("Foreign Minister", "Takeshi Iwaya")),
    ),
    Side(
        "India",
        "Indian",
        "New Delhi",
        ("Mumbai", "Bengaluru", "Ahmedabad"),
        (("Prime Minister", "Narendra Modi"), ("External Affairs Minister", "Subrahmanyam Jaishankar")),
    ),
    Side(
        "Russia",
        "Russian",
        "Moscow",
        ("St. Petersburg", "Kazan", "Vladivostok"),
        (("President", "Vladimir Putin"), ("Foreign Minister", "Sergei Lavrov")),
    ),
    Side(
        "Indonesia",
        "Indonesian",
        "Jakarta",
        ("Bali", "Surabaya"),
        (("President", "Prabowo Subianto"), ("Foreign Minister", "Sugiono")),
    ),
    Side(
        "South Korea",
        "South Korean",
        "Seoul",
        ("Busan", "Incheon"),
        (("President", "Lee Jae-myung"), ("Foreign Minister", "Cho Hyun")),
    ),
    Side(
        "Brazil",
        "Brazilian",
        "Brasilia",
        ("Rio de Janeiro", "Sao Paulo"),
        (("President", "Luiz Inacio Lula da Silva"), ("Foreign Minister", "Mauro Vieira")),
    ),
)

MECHANISMS = (
    "Steering Committee for Bilateral Cooperation",
    "Intergovernmental Committee on Economic and Trade Cooperation",
    "Joint Commission on Science and Technology",
    "Strategic Dialogue on Diplomacy and Defence",
    "Joint Working Group on Border Trade",
)

DATELINES = (
    "{CAPITAL}, {mon}. {day} (Xinhua) -- ",
    "{Capital} (VNA) – ",
    "{CAPITAL} — ",
    "{CAPITAL}, {Country} (Reuters) — ",
    "{CAPITAL}: ",
    "",
)

OPENINGS = (
    "{a_title} {a_name} held talks with {b_adj} {b_title} {b_name} in {venue} on {weekday}, as the two "
    "countries look to widen cooperation in trade, infrastructure and security.",
    "{a_adj} {a_title} {a_name} and {b_adj} {b_title} {b_name} co-chaired the {ordinal} meeting of the "
    "{pair} {mechanism} in {venue} on {weekday}.",
    "{b_adj} {b_title} {b_name} arrived in {venue} on {weekday} for an official visit to {a_country} at "
    "the invitation of {a_title} {a_name}, the first such trip in {years} years.",
    "{a_title} {a_name} had a phone call with {b_adj} {b_title} {b_name} on {weekday}, days after the two "
    "sides agreed to step up contacts at every level.",
)

BODY = (
    "{a_surname} said that {a_country} attaches great importance to its relations with {b_country} and is "
    "ready to work with the {b_adj} side to carry out the consensus reached by the leaders of the two "
    "countries, to deepen political trust and to expand practical cooperation in every field.",
    "{b_surname} said the relationship had developed steadily in recent years and that {b_country} wished "
    "to keep up close high-level exchanges, make better use of existing mechanisms and open new areas of "
    "cooperation, from the digital economy to clean energy and agriculture.",
    "Bilateral trade reached US${trade} billion in {period}, up {growth} per cent year on year, according "
    "to customs figures, and the two sides agreed to aim for a higher target in the years ahead.",
    "The two sides agreed to hold the {next_ordinal} meeting of the {mechanism} in {later_city} in "
    "{later_month}, and to task their ministries with preparing the documents to be signed there.",
    "Investment from {a_country} in {b_country} totalled {investment} billion U.S. dollars across {projects} "
    "projects by the end of {last_year}, making it one of the largest sources of foreign capital.",
    "Both ministers stressed the importance of people-to-people exchanges, noting that more than "
    "{visitors} million trips were made between the two countries last year and that direct flights "
    "between {a_capital} and {b_capital} would be increased.",
    "On regional issues, the two sides agreed to settle differences through dialogue and consultation, "
    "in line with international law, and to support each other at multilateral forums.",
    "Earlier in the day, {b_surname} laid a wreath at a memorial in {venue} and met business leaders who "
    "have invested in {a_country}, urging them to expand their operations.",
    "{a_second_title} {a_second_name} also met {b_surname} and proposed faster work on cross-border rail "
    "links and on a joint feasibility study for a new economic corridor.",
    "The two sides signed {documents} cooperation documents covering trade, customs, education, health "
    "and local cooperation, and issued a joint statement at the end of the talks.",
    "Analysts said the visit showed both governments wanted steady ties at a time of uncertainty in the "
    "global economy, with supply chains shifting across the region.",
    "The {ordinal} meeting of the {mechanism} reviewed the implementation of agreements reached since the "
    "previous session and set out priorities for the coming year.",
    "{a_surname} welcomed {b_surname}'s proposal to open more border gates and to simplify customs "
    "procedures for farm produce, saying that smoother trade would benefit businesses and farmers on "
    "both sides of the border.",
    "The ministers also discussed defence and law-enforcement cooperation, including joint efforts "
    "against drug trafficking, online fraud and human trafficking, and agreed that their ministries "
    "would meet more often to share information.",
    "{b_title} {b_name} is scheduled to travel to {later_city} on {later_weekday} to meet provincial "
    "leaders and visit an industrial park built with investment from {a_country}.",
    "Speaking to reporters after the meeting, {a_surname} described the talks as candid and productive, "
    "and said the two sides had reached broad agreement on the main directions of cooperation for the "
    "next five years.",
    "The two countries will mark the {anniversary} anniversary of their diplomatic relations next year, "
    "and both sides agreed to organise a series of cultural, academic and youth exchanges to celebrate it.",
    "Cooperation in science, technology and education was also on the agenda, with both sides agreeing "
    "to expand scholarships, joint research programmes and training for officials in digital government.",
)

CLOSINGS = (
    "",
    "\n\nPHOTO: {a_name} and {b_name} shake hands before their talks in {venue}. (Xinhua)",
    "\n\nSource: https://example.org/reports/{slug}",
    " — VNA/VNS",
)

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "10th")


def ordinal(number: int) -> str:
    if number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def report(rng: random.Random, number: int) -> str:
    """One synthetic readout of roughly 600 words."""
    a, b = rng.sample(SIDES, 2)
    (a_title, a_name), (b_title, b_name) = rng.choice(a.officials), rng.choice(b.officials)
    a_second_title, a_second_name = rng.choice([o for o in a.officials if o[1] != a_name])
    when = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2400))
    session = rng.randrange(2, 40)
    values = {
        "a_title": a_title,
        "a_name": a_name,
        "a_surname": a_name.split()[0] if a.country in {"China", "Vietnam"} else a_name.split()[-1],
        "a_adj": a.adjective,
        "a_country": a.country,
        "a_capital": a.capital,
        "a_second_title": a_second_title,
        "a_second_name": a_second_name,
        "b_title": b_title,
        "b_name": b_name,
        "b_surname": b_name.split()[-1],
        "b_adj": b.adjective,
        "b_country": b.country,
        "b_capital": b.capital,
        "venue": rng.choice((a.capital, *a.cities)),
        "later_city": rng.choice((b.capital, *b.cities)),
        "weekday": when.strftime("%A"),
        "later_weekday": (when + dt.timedelta(days=rng.randrange(1, 4))).strftime("%A"),
        "anniversary": ordinal(rng.randrange(20, 76)),
        "pair": f"{a.country}-{b.country}",
        "mechanism": rng.choice(MECHANISMS),
        "ordinal": ordinal(session),
        "next_ordinal": ordinal(session + 1),
        "later_month": (when + dt.timedelta(days=rng.randrange(60, 300))).strftime("%B %Y"),
        "years": rng.randrange(3, 12),
        "trade": f"{rng.uniform(5, 250):.1f}",
        "growth": f"{rng.uniform(-8, 30):.1f}",
        "period": rng.choice(("the first ten months of the year", "the first half of the year", "2023")),
        "investment": f"{rng.uniform(1, 40):.2f}",
        "projects": rng.randrange(40, 4000),
        "last_year": when.year - 1,
        "visitors": rng.randrange(1, 12),
        "documents": rng.randrange(3, 40),
        "slug": f"report-{number:05d}",
    }
    dateline = rng.choice(DATELINES).format(
        CAPITAL=a.capital.upper(),
        Capital=a.capital,
        Country=a.country,
        mon=when.strftime("%b"),
        day=when.day,
    )
    title = f" date {when + dt.timedelta(days=1)} {a.adjective}, {b.adjective} officials discuss cooperation"
    paragraphs = [dateline + rng.choice(OPENINGS).format(**values)]
    body = rng.sample(BODY, len(BODY))
    while body and sum(len(p.split()) for p in paragraphs) < 560:
        paragraphs.append(body.pop().format(**values))
    return title + "\n\n" + "\n\n".join(paragraphs) + rng.choice(CLOSINGS).format(**values) + "\n"


def write_reports(out_dir: Path, *, count: int, seed: int) -> list[Path]:
    """Write ``count`` reports into ``out_dir``; the same seed always gives the same files."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out_dir / f"synthetic_{number:05d}.txt"
        path.write_text(report(rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20241210)
    args = parser.parse_args()
    paths = write_reports(args.out_dir, count=args.count, seed=args.seed)
    print(f"wrote {len(paths)} reports to {args.out_dir}")


if __name__ == "__main__":
    main()
