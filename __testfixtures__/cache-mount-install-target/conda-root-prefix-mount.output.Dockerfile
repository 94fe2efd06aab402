FROM continuumio/miniconda3:24.1.2-0
COPY environment.yml /tmp/
RUN --mount=type=cache,target=/opt/conda/pkgs \
    conda env update -n base -f /tmp/environment.yml
COPY . /app
CMD ["python", "/app/main.py"]
