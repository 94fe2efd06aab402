FROM company/python-base:3.12
USER app
ENV HOME=/home/app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000,gid=1000 pip install --user flask
