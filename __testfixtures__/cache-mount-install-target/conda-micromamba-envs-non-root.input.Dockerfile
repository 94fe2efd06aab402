FROM mambaorg/micromamba:1.5.8
COPY --chown=$MAMBA_USER:$MAMBA_USER env.yaml /tmp/env.yaml
RUN --mount=type=cache,target=/opt/conda/envs \
    micromamba create -y -n app -f /tmp/env.yaml
ENV ENV_NAME=app
COPY --chown=$MAMBA_USER:$MAMBA_USER . /home/mambauser/app
CMD ["python", "/home/mambauser/app/run.py"]
