FROM continuumio/miniconda3
WORKDIR /src
RUN --mount=type=cache,target=/opt/conda/pkgs \
    export CONDA_ALWAYS_COPY=true && \
    conda create -y --name build python=3.10
RUN --mount=type=cache,target=/opt/conda/pkgs \
    conda install -y -n build numpy cython
CMD ["conda", "run", "-n", "build", "python", "-m", "app"]
