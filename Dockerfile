# Positions: the site served by gunicorn behind nginx, static files by WhiteNoise.
# Build: docker build -t positions .
# Run:   docker run -p 8000:8000 --env-file .env positions
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    MEDIA_ROOT=/data/media \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# nginx reads each request whole before gunicorn's workers see it, so slow clients
# cannot hold them (bin/start, config/nginx.conf). Pango and the fonts set the books
# (positions/book): Liberation for Latin and Cyrillic, Noto CJK for Japanese.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-liberation fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# Runtime dependencies only (no test tools); this layer is rebuilt only when
# requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code stays owned by root, so the app cannot change it. /data is the one
# writable place, for a SQLite database (DATABASE_URL=sqlite:////data/db.sqlite3) and
# the books (MEDIA_ROOT=/data/media, the default here).
RUN groupadd --system --gid 10001 positions \
    && useradd --system --uid 10001 --gid positions --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin positions \
    && mkdir /data \
    && chown positions:positions /data
COPY . .

# collectstatic needs settings to load: a throwaway key, for this command only.
RUN DEBUG=false SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput

# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001

EXPOSE 8000

# Asks /health/ (200 when the database answers) with the Host of the first
# ALLOWED_HOSTS entry, which Django insists on, and X-Forwarded-Proto: https, so
# that with HTTPS and BEHIND_PROXY on it is not redirected. http.client, unlike
# urllib, follows no redirect: anything but 200 is unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import http.client, os, sys; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]; c = http.client.HTTPConnection('127.0.0.1', int(os.environ.get('PORT') or 8000), timeout=4); c.request('GET', '/health/', headers={'Host': (hosts or ['127.0.0.1'])[0], 'X-Forwarded-Proto': 'https'}); sys.exit(c.getresponse().status != 200)"]

# Migrates, then runs nginx on 0.0.0.0:$PORT in front of gunicorn (see bin/start).
CMD ["bin/start"]
