"""passthru.numba_cache: a change to any module of a kernel package drops its cache."""

from passthru.numba_cache import STAMP, drop_stale_cache


def test_cache_is_dropped_when_any_source_changes(tmp_path):
    (tmp_path / "kernel.py").write_text("x = 1\n")
    (tmp_path / "helper.py").write_text("y = 1\n")
    cache = tmp_path / "__pycache__"
    assert drop_stale_cache(tmp_path)  # no stamp yet: nothing cached can be trusted
    (cache / "kernel.run-1.py311.nbi").write_bytes(b"index")
    (cache / "kernel.run-1.py311.1.nbc").write_bytes(b"code")
    assert not drop_stale_cache(tmp_path)  # unchanged sources keep the cache
    assert len(list(cache.glob("*.nb?"))) == 2
    (tmp_path / "helper.py").write_text("y = 2\n")  # a sibling the kernel calls changes
    assert drop_stale_cache(tmp_path)
    assert list(cache.glob("*.nb?")) == []
    assert (cache / STAMP).exists()
