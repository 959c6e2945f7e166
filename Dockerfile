# kg with its Python dependencies, for `docker compose run --rm kg …` (see docker-compose.yml).
# The full python image carries the compiler that pkuseg's sdist needs.
FROM python:3.11-bookworm

WORKDIR /app
ENV KG_VENV=/opt/kg-venv \
    PATH=/opt/kg-venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1

COPY pyproject.toml README.md ./
COPY tools/bootstrap.py tools/bootstrap.py
COPY kg kg
COPY cypher cypher
RUN python3 tools/bootstrap.py install

ENTRYPOINT ["kg"]
CMD ["--help"]
