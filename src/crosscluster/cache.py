"""Django's Redis cache backend, with one client object per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache operation; building
one fills its table of response callbacks (about 170 entries), which cost more CPU than the Redis round trip
itself — a third of a millisecond per request on the live-voting path, which reads the session and a poll from
the cache. A ``redis.Redis`` object holds no connection of its own (it borrows one from the pool per command and
the pool notices a fork), so one per pool is safe to share between threads and requests.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
