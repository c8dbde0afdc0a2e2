"""Benchmarks: ``python -m bench`` runs every ``bench_*.py`` module (``make bench``).

Speed targets live here, never in timed tests. Generated inputs are cached under
``bench/.cache/`` (git-ignored).
"""
