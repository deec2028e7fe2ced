"""The Redis cache backend (production with REDIS_URL): Django's, with one client object per connection pool."""

import os

import pytest

from crosscluster.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.getenv("REDIS_URL"), reason="needs Redis: run with REDIS_URL=redis://…")


def test_redis_cache_stores_and_reads_back_values_with_one_client_per_pool():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "test-cache-backend"})
    try:
        cache.set("answer", {"votes": [1, 2]}, 30)
        assert cache.get("answer") == {"votes": [1, 2]}
        assert cache.get_many(["answer", "missing"]) == {"answer": {"votes": [1, 2]}}
        assert cache.incr(cache.add("counter", 1) and "counter") == 2
        client = cache._cache.get_client("answer")
        assert cache._cache.get_client("other", write=True) is client  # one server: one pool, one client
    finally:
        cache.delete_many(["answer", "counter"])
    assert cache.get("answer") is None


def test_production_settings_use_this_backend_when_redis_is_configured():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] == "crosscluster.cache.RedisCache"
