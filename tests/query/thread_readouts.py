"""Our own short readouts of the China-Vietnam railway and "3+3" dialogue threads (Nov 2024 - Apr 2025).

The facts are public (three standard-gauge lines; the first "3+3" dialogue in December 2024; its
upgrade to ministerial level and a Railway Cooperation Committee in April 2025); the sentences, in
tests/data/threads/, are ours.
"""

from __future__ import annotations

from pathlib import Path

THREADS = Path(__file__).resolve().parents[1] / "data" / "threads"
