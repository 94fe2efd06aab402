# The venv only serves the wheel build; later RUNs run the image's own Python.
FROM python:3.12-slim AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/venv \
    python -m venv /venv && /venv/bin/pip install -r requirements-build.txt \
    && /venv/bin/python -m build --wheel --outdir /wheels
RUN python3 -c "import sys; print(sys.version)"
RUN /usr/local/bin/python3 tools/check_wheels.py /wheels && python -m pip --version

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl
CMD ["python", "-m", "app"]
