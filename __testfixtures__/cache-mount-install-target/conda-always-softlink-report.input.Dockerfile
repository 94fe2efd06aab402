FROM continuumio/miniconda3
ENV CONDA_ALWAYS_SOFTLINK=true
COPY environment.yml /tmp/
RUN --mount=type=cache,target=/opt/conda/pkgs \
    conda env create -n app -f /tmp/environment.yml
ENV PATH=/opt/conda/envs/app/bin:$PATH
CMD ["python", "-m", "app"]
