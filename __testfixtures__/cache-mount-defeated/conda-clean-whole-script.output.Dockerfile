FROM continuumio/miniconda3
RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy
RUN --mount=type=cache,target=/opt/conda/pkgs true
